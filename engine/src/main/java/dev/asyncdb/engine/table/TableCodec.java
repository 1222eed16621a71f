package dev.asyncdb.engine.table;

import dev.asyncdb.engine.snapshot.CorruptSnapshotException;
import dev.asyncdb.engine.snapshot.SnapshotInput;
import dev.asyncdb.engine.snapshot.SnapshotOutput;
import java.io.IOException;

/**
 * The binary form of a freshly loaded table: its columns chunk by chunk as they sit in memory
 * (primitive arrays, packed UTF-8 with row end offsets, dictionary codes, null bitmaps), the
 * record shapes and each row's shape. Reading it back costs bulk copies instead of parsing.
 *
 * <p>A table is {@linkplain #freeze frozen} on the thread that loaded it, so writing it later (in
 * the background, while writers may append rows or widen a column) covers exactly the loaded rows;
 * a column whose representation changed since makes the write fail instead of writing a mixture.
 */
public final class TableCodec {
  private static final byte NULLS = 0;
  private static final byte LONGS = 1;
  private static final byte DOUBLES = 2;
  private static final byte BOOLEANS = 3;
  private static final byte DICTIONARY = 4;
  private static final byte STRINGS = 5;
  private static final byte JSON = 6;

  private TableCodec() {}

  /** What a loaded table held when it was frozen: the bounds a later write keeps to. */
  public static final class Frozen {
    private final RecordTable table;
    private final int rows;
    private final Column[] columns;
    private final Column.Storage[] storages;
    private final TypeCounts[] counts;
    private final int[] dictionarySizes;
    private final int[][] shapes;
    private Object[] index;

    private Frozen(RecordTable table) {
      this.table = table;
      this.rows = table.physicalRows();
      this.columns = table.columns().toArray(new Column[0]);
      this.storages = new Column.Storage[columns.length];
      this.counts = new TypeCounts[columns.length];
      this.dictionarySizes = new int[columns.length];
      for (int i = 0; i < columns.length; i++) {
        storages[i] = columns[i].storage();
        counts[i] = new TypeCounts();
        counts[i].add(columns[i].counts());
        dictionarySizes[i] = storages[i] instanceof Column.DictStorage d ? d.dictionary.size() : 0;
      }
      this.shapes = table.shapeList();
    }

    public int rows() {
      return rows;
    }

    /**
     * Keeps a copy of the key index that {@code publishLoaded} just built over this same table (call
     * on the loading thread, before any write), so a reopen need not index the rows again.
     */
    public void captureIndex(RecordTable indexed) {
      if (indexed == table && indexed.physicalRows() == rows) {
        index = indexed.indexImage();
      }
    }
  }

  /**
   * Freezes a table just loaded (call on the loading thread, before any write can reach it), or
   * returns null with the reason in {@code why[0]} when it cannot be written (mixed-type columns).
   */
  public static Frozen freeze(RecordTable table, String[] why) {
    for (Column c : table.columns()) {
      if (c.storage() instanceof Column.MixedStorage) {
        why[0] = "column \"" + c.name() + "\" mixes value types";
        return null;
      }
    }
    return new Frozen(table);
  }

  /** Writes a frozen table; throws when a column changed representation since it was frozen. */
  public static void write(Frozen f, SnapshotOutput out) throws IOException {
    int rows = f.rows;
    out.writeInt(rows);
    out.writeInt(f.columns.length);
    out.writeInt(f.shapes.length);
    for (int[] shape : f.shapes) {
      out.writeInt(shape.length);
      out.writeInts(shape, 0, shape.length);
    }
    for (int at = 0; at < rows; at += Chunks.SIZE) {
      out.writeInts(f.table.shapeChunkOf(at), 0, Math.min(Chunks.SIZE, rows - at));
    }
    for (int i = 0; i < f.columns.length; i++) {
      Column c = f.columns[i];
      if (c.storage() != f.storages[i]) {
        throw new IOException("column \"" + c.name() + "\" changed representation after the load (a write widened it)");
      }
      out.writeString(c.name());
      TypeCounts k = f.counts[i];
      for (long n : new long[] {k.nulls, k.strings, k.integers, k.fractions, k.booleans, k.objects, k.arrays}) {
        out.writeLong(n);
      }
      Column.Storage s = f.storages[i];
      if (s instanceof Column.NullStorage) {
        out.writeByte(NULLS);
      } else if (s instanceof Column.LongStorage l) {
        out.writeByte(LONGS);
        writeBits(l.nulls, rows, out);
        for (int at = 0; at < rows; at += Chunks.SIZE) {
          out.writeLongs(l.values.chunkOf(at), 0, Math.min(Chunks.SIZE, rows - at));
        }
      } else if (s instanceof Column.DoubleStorage d) {
        out.writeByte(DOUBLES);
        writeBits(d.nulls, rows, out);
        for (int at = 0; at < rows; at += Chunks.SIZE) {
          out.writeDoubles(d.values.chunkOf(at), 0, Math.min(Chunks.SIZE, rows - at));
        }
      } else if (s instanceof Column.BoolStorage b) {
        out.writeByte(BOOLEANS);
        writeBits(b.values, rows, out);
        writeBits(b.nulls, rows, out);
      } else if (s instanceof Column.DictStorage d) {
        out.writeByte(DICTIONARY);
        int size = f.dictionarySizes[i];
        out.writeInt(size);
        for (int code = 0; code < size; code++) {
          out.writeString(d.dictionary.get(code));
        }
        for (int at = 0; at < rows; at += Chunks.SIZE) {
          out.writeInts(d.codes.chunkOf(at), 0, Math.min(Chunks.SIZE, rows - at));
        }
      } else if (s instanceof Column.StringStorage p) {
        out.writeByte(STRINGS);
        writeBits(p.nulls, rows, out);
        writeText(p.text, rows, out);
      } else if (s instanceof Column.JsonStorage j) {
        out.writeByte(JSON);
        writeBits(j.nulls, rows, out);
        writeText(j.text, rows, out);
      } else {
        throw new IOException("column \"" + c.name() + "\" has no binary form (" + s.kind() + ")");
      }
    }
    out.writeByte(f.index == null ? 0 : 1);
    if (f.index != null) {
      int[] pairs = (int[]) f.index[2];
      out.writeString((String) f.index[0]);
      out.writeInt((Integer) f.index[1]);
      out.writeInt(pairs.length);
      out.writeInts(pairs, 0, pairs.length);
    }
  }

  /** Reads a table written by {@link #write}, as {@code DataReader} would have loaded it. */
  public static RecordTable read(SnapshotInput in) throws IOException {
    int rows = in.readCount(4);
    int columnCount = in.readCount(1);
    int shapeCount = in.readCount(4);
    int[][] shapes = new int[shapeCount][];
    for (int s = 0; s < shapeCount; s++) {
      shapes[s] = new int[in.readCount(4)];
      in.readInts(shapes[s], 0, shapes[s].length);
      for (int ord : shapes[s]) {
        check(ord >= 0 && ord < columnCount, "shape " + s + " names column " + ord + " of " + columnCount);
      }
    }
    int[][] shapeChunks = ints(in, rows);
    for (int[] chunk : shapeChunks) {
      for (int id : chunk) {
        if (id < 0 || id >= shapeCount) {
          throw new CorruptSnapshotException("a row has shape " + id + " of " + shapeCount);
        }
      }
    }
    Column[] columns = new Column[columnCount];
    for (int i = 0; i < columnCount; i++) {
      String name = in.readString();
      TypeCounts counts = new TypeCounts();
      counts.nulls = in.readLong();
      counts.strings = in.readLong();
      counts.integers = in.readLong();
      counts.fractions = in.readLong();
      counts.booleans = in.readLong();
      counts.objects = in.readLong();
      counts.arrays = in.readLong();
      int kind = in.readByte();
      Column.Storage storage = switch (kind) {
        case NULLS -> new Column.NullStorage(rows);
        case LONGS -> {
          BitVector nulls = bits(in, rows);
          long[][] chunks = new long[chunkCount(rows)][];
          for (int c = 0; c < chunks.length; c++) {
            chunks[c] = new long[rowsIn(c, rows)];
            in.readLongs(chunks[c], 0, chunks[c].length);
          }
          yield new Column.LongStorage(new LongVector(chunks, rows), nulls);
        }
        case DOUBLES -> {
          BitVector nulls = bits(in, rows);
          double[][] chunks = new double[chunkCount(rows)][];
          for (int c = 0; c < chunks.length; c++) {
            chunks[c] = new double[rowsIn(c, rows)];
            in.readDoubles(chunks[c], 0, chunks[c].length);
          }
          yield new Column.DoubleStorage(new DoubleVector(chunks, rows), nulls);
        }
        case BOOLEANS -> {
          BitVector values = bits(in, rows);
          yield new Column.BoolStorage(values, bits(in, rows));
        }
        case DICTIONARY -> {
          int size = in.readCount(4);
          StringDictionary dictionary = new StringDictionary();
          for (int code = 0; code < size; code++) {
            check(dictionary.code(in.readString()) == code, "the dictionary of \"" + name + "\" repeats a value");
          }
          int[][] codes = ints(in, rows);
          for (int[] chunk : codes) {
            for (int code : chunk) {
              if (code < -1 || code >= size) {
                throw new CorruptSnapshotException("a code of \"" + name + "\" is outside its dictionary");
              }
            }
          }
          yield new Column.DictStorage(new IntVector(codes, rows), dictionary);
        }
        case STRINGS -> {
          BitVector nulls = bits(in, rows);
          yield new Column.StringStorage(text(in, rows), nulls);
        }
        case JSON -> {
          BitVector nulls = bits(in, rows);
          yield new Column.JsonStorage(text(in, rows), nulls);
        }
        default -> throw new CorruptSnapshotException("column \"" + name + "\" has unknown kind " + kind);
      };
      columns[i] = new Column(name, i, storage, counts);
    }
    RecordTable table = new RecordTable(columns, shapes, new IntVector(shapeChunks, rows), rows);
    if (in.readByte() == 1) {
      String field = in.readString();
      int size = in.readInt();
      int[] pairs = new int[in.readCount(4)];
      in.readInts(pairs, 0, pairs.length);
      checkIndex(pairs, size, rows);
      table.restoreIndex(field, size, pairs);
    }
    return table;
  }

  /** A hash table of (hash, row + 1) pairs whose size is a power of two, with {@code size} entries all below {@code rows}. */
  private static void checkIndex(int[] pairs, int size, int rows) throws CorruptSnapshotException {
    if (pairs.length < 4 || Integer.bitCount(pairs.length) != 1 || size < 0 || size > rows) {
      throw new CorruptSnapshotException("the key index has " + pairs.length + " slots for " + size + " keys of " + rows + " rows");
    }
    int used = 0;
    for (int i = 1; i < pairs.length; i += 2) {
      int entry = pairs[i];
      if (entry < 0 || entry > rows) {
        throw new CorruptSnapshotException("the key index points at row " + (entry - 1) + " of " + rows);
      }
      used += entry != 0 ? 1 : 0;
    }
    if (used != size) {
      throw new CorruptSnapshotException("the key index holds " + used + " keys, its header says " + size);
    }
  }

  private static int chunkCount(int rows) {
    return (rows + Chunks.SIZE - 1) >>> Chunks.SHIFT;
  }

  private static int rowsIn(int chunk, int rows) {
    return Math.min(Chunks.SIZE, rows - (chunk << Chunks.SHIFT));
  }

  private static int[][] ints(SnapshotInput in, int rows) throws IOException {
    int[][] chunks = new int[chunkCount(rows)][];
    for (int c = 0; c < chunks.length; c++) {
      chunks[c] = new int[rowsIn(c, rows)];
      in.readInts(chunks[c], 0, chunks[c].length);
    }
    return chunks;
  }

  /** Bits of the first {@code rows} rows, chunk by chunk; bits past the last row are left out. */
  private static void writeBits(BitVector bits, int rows, SnapshotOutput out) throws IOException {
    for (int at = 0; at < rows; at += Chunks.SIZE) {
      int n = Math.min(Chunks.SIZE, rows - at);
      int words = (n + 63) >>> 6;
      long[] chunk = bits.chunkOf(at);
      for (int w = 0; w < words; w++) {
        long word = w < chunk.length ? chunk[w] : 0;
        if (w == words - 1 && (n & 63) != 0) {
          // Rows appended after the freeze may have set bits in the last word.
          word &= (1L << (n & 63)) - 1;
        }
        out.writeLong(word);
      }
    }
  }

  private static BitVector bits(SnapshotInput in, int rows) throws IOException {
    long[][] chunks = new long[chunkCount(rows)][];
    long any = 0;
    for (int c = 0; c < chunks.length; c++) {
      chunks[c] = new long[(rowsIn(c, rows) + 63) >>> 6];
      in.readLongs(chunks[c], 0, chunks[c].length);
      for (long word : chunks[c]) {
        any |= word;
      }
    }
    return new BitVector(chunks, rows, any != 0);
  }

  private static void writeText(Utf8Vector text, int rows, SnapshotOutput out) throws IOException {
    for (int at = 0; at < rows; at += Chunks.SIZE) {
      int n = Math.min(Chunks.SIZE, rows - at);
      int[] ends = text.chunkEnds(at);
      int bytes = ends[n - 1];
      out.writeInt(bytes);
      out.writeBytes(text.chunkData(at), 0, bytes);
      out.writeInts(ends, 0, n);
    }
  }

  private static Utf8Vector text(SnapshotInput in, int rows) throws IOException {
    int chunks = chunkCount(rows);
    byte[][] data = new byte[chunks][];
    int[][] ends = new int[chunks][];
    for (int c = 0; c < chunks; c++) {
      data[c] = new byte[in.readCount(1)];
      in.readBytes(data[c], 0, data[c].length);
      int n = rowsIn(c, rows);
      ends[c] = new int[n];
      in.readInts(ends[c], 0, n);
      int previous = 0;
      for (int end : ends[c]) {
        if (end < previous) {
          throw new CorruptSnapshotException("string ends go backwards");
        }
        previous = end;
      }
      check(previous == data[c].length, "string ends do not match the bytes of their chunk");
    }
    return new Utf8Vector(data, ends, rows);
  }

  private static void check(boolean ok, String what) throws CorruptSnapshotException {
    if (!ok) {
      throw new CorruptSnapshotException(what);
    }
  }
}
