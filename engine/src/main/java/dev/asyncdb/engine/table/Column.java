package dev.asyncdb.engine.table;

import dev.asyncdb.engine.json.EpochMillis;
import dev.asyncdb.engine.json.Json;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * One top-level field of a collection, stored in the most compact representation its values
 * allow so far: longs, doubles, booleans, dictionary-encoded or packed UTF-8 strings, JSON text for
 * nested values, or plain Java objects when types are mixed.
 *
 * <p>The representation widens as values arrive (long to double, dictionary to packed strings, any
 * mismatch to mixed), which keeps loading single-pass and lossless. One writer appends exactly one
 * value per physical row; readers only read rows below their version's published row count.
 */
public final class Column {
  /** Physical representation of a column. */
  public enum Kind { NULL, LONG, DOUBLE, BOOLEAN, STRING, JSON, MIXED }

  /** Dictionary encoding is dropped once this many distinct values exist and they are not rare. */
  private static final int DICTIONARY_LIMIT = 1 << 16;
  private static final int DICTIONARY_MIN = 256;
  private static final long EXACT_DOUBLE = 1L << 53;

  private final String name;
  private final int ordinal;
  private volatile Storage storage;
  private final TypeCounts counts = new TypeCounts();

  Column(String name, int ordinal, int existingRows) {
    this.name = name;
    this.ordinal = ordinal;
    this.storage = new NullStorage(existingRows);
  }

  /** A column read back from a snapshot ({@link TableCodec}). */
  Column(String name, int ordinal, Storage storage, TypeCounts counts) {
    this.name = name;
    this.ordinal = ordinal;
    this.storage = storage;
    this.counts.add(counts);
  }

  /** The current representation, for {@link TableCodec}. */
  Storage storage() {
    return storage;
  }

  public String name() {
    return name;
  }

  public int ordinal() {
    return ordinal;
  }

  public Kind kind() {
    return storage.kind();
  }

  /** Counts of the JSON value types appended so far, for inference and diagnostics. */
  public TypeCounts counts() {
    return counts;
  }

  /** True when every string is dictionary-encoded (few distinct values). */
  public boolean isDictionaryEncoded() {
    return storage instanceof DictStorage;
  }

  public Object get(int row) {
    return storage.get(row);
  }

  public boolean isNull(int row) {
    return storage.isNull(row);
  }

  /**
   * The column's current representation, for reading many rows in tight loops. Rows of every
   * version published before this call are in it, however the column changes afterwards.
   */
  public ColumnView view() {
    return new ColumnView(storage);
  }

  public long getLong(int row) {
    Storage s = storage;
    return s instanceof LongStorage l ? l.values.get(row) : ((Number) s.get(row)).longValue();
  }

  public double getDouble(int row) {
    Storage s = storage;
    if (s instanceof DoubleStorage d) {
      return d.values.get(row);
    }
    if (s instanceof LongStorage l) {
      return l.values.get(row);
    }
    return ((Number) s.get(row)).doubleValue();
  }

  public boolean getBoolean(int row) {
    Storage s = storage;
    return s instanceof BoolStorage b ? b.values.get(row) : Boolean.TRUE.equals(s.get(row));
  }

  /** The value as JSON text (nested values) or its string form (scalars); null for null. */
  public String getText(int row) {
    Storage s = storage;
    if (s instanceof JsonStorage j) {
      return j.isNull(row) ? null : j.text.get(row);
    }
    Object v = s.get(row);
    if (v == null) {
      return null;
    }
    if (v instanceof Map || v instanceof List) {
      return Json.write(v);
    }
    return v instanceof Double d ? Json.numberText(d) : v.toString();
  }

  /**
   * Writes a row's value as JSON, as {@link Json#writeValue} writes {@link #get}: packed text goes
   * from its UTF-8 bytes and numbers from their vectors, without an object per value.
   */
  public void writeJson(int row, com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
    Storage s = storage;
    if (s instanceof StringStorage p && !p.nulls.get(row)) {
      p.text.writeTo(row, g);
    } else if (s instanceof LongStorage l && !l.nulls.get(row)) {
      g.writeNumber(l.values.get(row));
    } else {
      Json.writeValue(g, s.get(row));
    }
  }

  /** {@code keyString(row).hashCode()} without building the string where possible; 0 for no key. */
  int keyHash(int row) {
    Storage s = storage;
    if (s instanceof StringStorage p) {
      return p.nulls.get(row) ? 0 : p.text.hash(row);
    }
    if (s instanceof DictStorage d) {
      int code = d.codes.get(row);
      return code < 0 ? 0 : d.dictionary.get(code).hashCode();
    }
    String k = KeySpec.scalarKey(s.get(row));
    return k == null ? 0 : k.hashCode();
  }

  /** Whether the key string of a row equals {@code key}. */
  boolean keyEquals(int row, String key) {
    Storage s = storage;
    if (s instanceof StringStorage p) {
      return !p.nulls.get(row) && p.text.equalsString(row, key);
    }
    if (s instanceof DictStorage d) {
      int code = d.codes.get(row);
      return code >= 0 && d.dictionary.get(code).equals(key);
    }
    return key.equals(KeySpec.scalarKey(s.get(row)));
  }

  /** Whether strings are stored as packed UTF-8 (not dictionary-encoded). */
  public boolean packsText() {
    return storage instanceof StringStorage;
  }

  /** Whether a non-null packed-text row equals row {@code otherRow} of another packed-text column. */
  boolean sameText(int row, Column other, int otherRow) {
    Storage s = storage;
    Storage o = other.storage;
    if (s instanceof StringStorage p && o instanceof StringStorage q) {
      return !p.nulls.get(row) && !q.nulls.get(otherRow) && p.text.equalRows(row, q.text, otherRow);
    }
    Object mine = s.get(row);
    return mine != null && mine.equals(o.get(otherRow));
  }

  /** Whether two rows have the same key string. */
  boolean sameKey(int a, int b) {
    Storage s = storage;
    if (s instanceof StringStorage p) {
      return !p.nulls.get(a) && !p.nulls.get(b) && p.text.equalRows(a, b);
    }
    if (s instanceof DictStorage d) {
      return d.codes.get(a) >= 0 && d.codes.get(a) == d.codes.get(b);
    }
    String k = KeySpec.scalarKey(s.get(a));
    return k != null && k.equals(KeySpec.scalarKey(s.get(b)));
  }

  /** Whether a row holds the empty string, without building a String for packed text. */
  public boolean isEmptyString(int row) {
    Storage s = storage;
    if (s instanceof StringStorage p) {
      return !p.nulls.get(row) && p.text.byteLength(row) == 0;
    }
    return "".equals(s.get(row));
  }

  /**
   * Reads the rows of a string column as text without a String per ASCII row: the returned view
   * is reused by the next call. Null for null rows; other representations return their String.
   */
  public java.util.function.IntFunction<CharSequence> texts() {
    Storage s = storage;
    if (s instanceof StringStorage p) {
      AsciiSlice slice = new AsciiSlice();
      return row -> p.nulls.get(row) ? null : p.text.text(row, slice);
    }
    return row -> s.get(row) instanceof String text ? text : null;
  }

  /** Whether a row has a usable key value (not null, not empty). */
  boolean hasKey(int row) {
    Storage s = storage;
    if (s instanceof StringStorage p) {
      return !p.nulls.get(row) && p.text.byteLength(row) > 0;
    }
    return KeySpec.scalarKey(s.get(row)) != null;
  }

  /** Dictionary code of a row (or -1 for null) when {@link #isDictionaryEncoded()}. */
  public int dictionaryCode(int row) {
    return ((DictStorage) storage).codes.get(row);
  }

  /** Code of a value in the dictionary, or -1 when absent; requires {@link #isDictionaryEncoded()}. */
  public int dictionaryLookup(String value) {
    return ((DictStorage) storage).dictionary.find(value);
  }

  /** Approximate heap bytes held by this column's data, for load reports. */
  public long heapBytes() {
    return storage.heapBytes();
  }

  // ---- appends (writer only) ----

  public void appendNull() {
    counts.nulls++;
    storage.appendNull();
  }

  /** Fills the slot of a row whose record does not have this field at all. */
  void appendAbsent() {
    storage.appendNull();
  }

  public void appendLong(long v) {
    counts.integers++;
    storeLong(v);
  }

  public void appendDouble(double v) {
    counts.fractions++;
    storeDouble(v);
  }

  public void appendBoolean(boolean v) {
    counts.booleans++;
    storeBoolean(v);
  }

  public void appendString(String v) {
    counts.strings++;
    storeString(v);
  }

  /** Appends a string given as a parser's char slice, avoiding a String allocation when possible. */
  public void appendString(char[] chars, int from, int length) {
    Storage s = storage;
    if (s instanceof DictStorage d) {
      counts.strings++;
      d.codes.add(d.dictionary.code(chars, from, length));
      maybeUndictionary(d);
    } else if (s instanceof StringStorage p) {
      counts.strings++;
      p.nulls.add(false);
      p.text.add(chars, from, length);
    } else {
      appendString(new String(chars, from, length));
    }
  }

  /** Appends a nested object or array (Java {@code Map}/{@code List}). */
  public void appendNested(Object tree) {
    if (tree instanceof Map) {
      counts.objects++;
    } else {
      counts.arrays++;
    }
    storeNested(tree);
  }

  /** Appends any Java JSON value: null, String, Long/Integer/BigInteger, Double, Boolean, Map, List. */
  public void appendValue(Object v) {
    counts.count(v);
    store(v);
  }

  private void store(Object v) {
    if (v == null) {
      storage.appendNull();
    } else if (v instanceof String s) {
      storeString(s);
    } else if (v instanceof EpochMillis t) {
      // Stored as its ISO text: packed text is written straight from the number.
      if (storage instanceof StringStorage p) {
        p.text.addInstant(t.millis());
        p.nulls.add(false);
      } else {
        storeString(t.toString());
      }
    } else if (v instanceof Boolean b) {
      storeBoolean(b);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      storeLong(((Number) v).longValue());
    } else if (v instanceof BigInteger big) {
      if (big.bitLength() < 64) {
        storeLong(big.longValue());
      } else {
        widenToMixed().add(big);
      }
    } else if (v instanceof Number n) {
      storeDouble(n.doubleValue());
    } else if (v instanceof Map || v instanceof List) {
      storeNested(v);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
  }

  private void storeLong(long v) {
    Storage s = storage;
    if (s instanceof LongStorage l) {
      l.add(v);
    } else if (s instanceof DoubleStorage d && Math.abs(v) <= EXACT_DOUBLE) {
      d.add(v);
    } else {
      widen(Long.valueOf(v)).appendValue(v);
    }
  }

  private void storeDouble(double v) {
    Storage s = storage;
    if (s instanceof DoubleStorage d) {
      d.add(v);
    } else {
      widen(Double.valueOf(v)).appendValue(v);
    }
  }

  private void storeBoolean(boolean v) {
    Storage s = storage;
    if (s instanceof BoolStorage b) {
      b.add(v);
    } else {
      widen(Boolean.valueOf(v)).appendValue(v);
    }
  }

  private void storeString(String v) {
    Storage s = storage;
    if (s instanceof DictStorage d) {
      d.codes.add(d.dictionary.code(v));
      maybeUndictionary(d);
    } else if (s instanceof StringStorage p) {
      p.add(v);
    } else {
      widen(v).appendValue(v);
    }
  }

  private void storeNested(Object tree) {
    Storage s = storage;
    if (s instanceof JsonStorage j) {
      j.add(tree);
    } else {
      widen(tree).appendValue(tree);
    }
  }

  /**
   * Appends the first {@code rows} values of another column (the same field loaded in parallel
   * from another part of a file), copying vectors directly when the representations allow.
   */
  void appendFrom(Column src, int rows) {
    counts.add(src.counts);
    Storage o = src.storage;
    int r = 0;
    while (r < rows) {
      int copied = bulkCopy(storage, o, r, rows);
      if (copied > 0) {
        r += copied;
      } else {
        store(o.get(r));
        r++;
      }
    }
  }

  private int bulkCopy(Storage s, Storage o, int from, int to) {
    if (o instanceof NullStorage) {
      for (int r = from; r < to; r++) {
        s.appendNull();
      }
      return to - from;
    }
    if (s instanceof LongStorage l && o instanceof LongStorage ol) {
      for (int r = from; r < to; r++) {
        if (ol.nulls.get(r)) {
          l.appendNull();
        } else {
          l.add(ol.values.get(r));
        }
      }
      return to - from;
    }
    if (s instanceof DoubleStorage d && o instanceof DoubleStorage od) {
      for (int r = from; r < to; r++) {
        if (od.nulls.get(r)) {
          d.appendNull();
        } else {
          d.add(od.values.get(r));
        }
      }
      return to - from;
    }
    if (s instanceof StringStorage p && o instanceof StringStorage op) {
      for (int r = from; r < to; r++) {
        boolean isNull = op.nulls.get(r);
        p.nulls.add(isNull);
        p.text.copyRow(op.text, r);
      }
      return to - from;
    }
    if (s instanceof DictStorage d && o instanceof DictStorage od) {
      int[] map = new int[od.dictionary.size()];
      java.util.Arrays.fill(map, -2);
      for (int r = from; r < to; r++) {
        int code = od.codes.get(r);
        if (code < 0) {
          d.codes.add(-1);
        } else {
          if (map[code] == -2) {
            map[code] = d.dictionary.code(od.dictionary.get(code));
          }
          d.codes.add(map[code]);
        }
      }
      maybeUndictionary(d);
      return to - from;
    }
    if (s instanceof DictStorage d && o instanceof StringStorage) {
      storage = copyInto(new StringStorage(), d, d.size());
      return 0;
    }
    return 0;
  }

  // ---- representation changes ----

  /** Picks the storage for a first non-null value, or widens to mixed; returns the sink for it. */
  private Sink widen(Object value) {
    Storage s = storage;
    int rows = s.size();
    Storage next;
    if (s instanceof NullStorage) {
      next = storageFor(value, rows);
    } else if (s instanceof LongStorage l && value instanceof Double) {
      DoubleStorage d = new DoubleStorage();
      boolean exact = true;
      for (int r = 0; r < rows; r++) {
        if (l.isNull(r)) {
          d.addNull();
        } else {
          long x = l.values.get(r);
          exact &= Math.abs(x) <= EXACT_DOUBLE;
          d.add(x);
        }
      }
      next = exact ? d : copyInto(new MixedStorage(), s, rows);
    } else {
      next = copyInto(new MixedStorage(), s, rows);
    }
    storage = next;
    return new Sink(this);
  }

  private MixedStorage widenToMixed() {
    Storage s = storage;
    if (s instanceof MixedStorage m) {
      return m;
    }
    MixedStorage m = (MixedStorage) copyInto(new MixedStorage(), s, s.size());
    storage = m;
    return m;
  }

  private static Storage storageFor(Object value, int nullRows) {
    Storage next;
    if (value instanceof Long) {
      next = new LongStorage();
    } else if (value instanceof Double) {
      next = new DoubleStorage();
    } else if (value instanceof Boolean) {
      next = new BoolStorage();
    } else if (value instanceof String) {
      next = new DictStorage();
    } else if (value instanceof Map || value instanceof List) {
      next = new JsonStorage();
    } else {
      next = new MixedStorage();
    }
    for (int r = 0; r < nullRows; r++) {
      next.appendNull();
    }
    return next;
  }

  private static Storage copyInto(Storage target, Storage source, int rows) {
    for (int r = 0; r < rows; r++) {
      target.appendObject(source.get(r));
    }
    return target;
  }

  private void maybeUndictionary(DictStorage d) {
    int distinct = d.dictionary.size();
    if (distinct > DICTIONARY_LIMIT || (distinct > DICTIONARY_MIN && distinct * 4 > d.codes.size())) {
      storage = copyInto(new StringStorage(), d, d.size());
    }
  }

  /**
   * Second-dispatch helper: after a representation change the value that triggered it is appended
   * to the new storage without counting it twice.
   */
  private static final class Sink {
    private final Column column;

    Sink(Column column) {
      this.column = column;
    }

    void appendValue(Object v) {
      column.storage.appendObject(v);
    }
  }

  // ---- storages ----

  abstract static class Storage {
    abstract Kind kind();

    abstract int size();

    abstract Object get(int row);

    abstract boolean isNull(int row);

    abstract void appendNull();

    /** Appends a value known to fit this storage (or any value, for mixed storage). */
    abstract void appendObject(Object v);

    abstract long heapBytes();
  }

  static final class NullStorage extends Storage {
    private int size;

    NullStorage(int size) {
      this.size = size;
    }

    Kind kind() {
      return Kind.NULL;
    }

    int size() {
      return size;
    }

    Object get(int row) {
      return null;
    }

    boolean isNull(int row) {
      return true;
    }

    void appendNull() {
      size++;
    }

    void appendObject(Object v) {
      if (v != null) {
        throw new IllegalStateException("null storage cannot hold " + v);
      }
      size++;
    }

    long heapBytes() {
      return 0;
    }
  }

  static final class LongStorage extends Storage {
    final LongVector values;
    final BitVector nulls;

    LongStorage() {
      this(new LongVector(), new BitVector());
    }

    LongStorage(LongVector values, BitVector nulls) {
      this.values = values;
      this.nulls = nulls;
    }

    Kind kind() {
      return Kind.LONG;
    }

    int size() {
      return values.size();
    }

    void add(long v) {
      values.add(v);
      nulls.add(false);
    }

    Object get(int row) {
      return nulls.get(row) ? null : values.get(row);
    }

    boolean isNull(int row) {
      return nulls.get(row);
    }

    void appendNull() {
      values.add(0);
      nulls.add(true);
    }

    void appendObject(Object v) {
      if (v == null) {
        appendNull();
      } else {
        add(((Number) v).longValue());
      }
    }

    long heapBytes() {
      return 8L * values.size() + values.size() / 8;
    }
  }

  static final class DoubleStorage extends Storage {
    final DoubleVector values;
    final BitVector nulls;

    DoubleStorage() {
      this(new DoubleVector(), new BitVector());
    }

    DoubleStorage(DoubleVector values, BitVector nulls) {
      this.values = values;
      this.nulls = nulls;
    }
    Kind kind() {
      return Kind.DOUBLE;
    }

    int size() {
      return values.size();
    }

    void add(double v) {
      values.add(v);
      nulls.add(false);
    }

    void addNull() {
      appendNull();
    }

    Object get(int row) {
      return nulls.get(row) ? null : values.get(row);
    }

    boolean isNull(int row) {
      return nulls.get(row);
    }

    void appendNull() {
      values.add(0);
      nulls.add(true);
    }

    void appendObject(Object v) {
      if (v == null) {
        appendNull();
      } else {
        add(((Number) v).doubleValue());
      }
    }

    long heapBytes() {
      return 8L * values.size() + values.size() / 8;
    }
  }

  static final class BoolStorage extends Storage {
    final BitVector values;
    final BitVector nulls;

    BoolStorage() {
      this(new BitVector(), new BitVector());
    }

    BoolStorage(BitVector values, BitVector nulls) {
      this.values = values;
      this.nulls = nulls;
    }

    Kind kind() {
      return Kind.BOOLEAN;
    }

    int size() {
      return values.size();
    }

    void add(boolean v) {
      values.add(v);
      nulls.add(false);
    }

    Object get(int row) {
      return nulls.get(row) ? null : values.get(row);
    }

    boolean isNull(int row) {
      return nulls.get(row);
    }

    void appendNull() {
      values.add(false);
      nulls.add(true);
    }

    void appendObject(Object v) {
      if (v == null) {
        appendNull();
      } else {
        add((Boolean) v);
      }
    }

    long heapBytes() {
      return values.size() / 4;
    }
  }

  static final class DictStorage extends Storage {
    final IntVector codes;
    final StringDictionary dictionary;

    DictStorage() {
      this(new IntVector(), new StringDictionary());
    }

    DictStorage(IntVector codes, StringDictionary dictionary) {
      this.codes = codes;
      this.dictionary = dictionary;
    }
    /** The distinct strings read as dates and as date-times, built when a query first needs them. */
    volatile ParsedTimes days;
    volatile ParsedTimes millis;

    Kind kind() {
      return Kind.STRING;
    }

    int size() {
      return codes.size();
    }

    Object get(int row) {
      int code = codes.get(row);
      return code < 0 ? null : dictionary.get(code);
    }

    boolean isNull(int row) {
      return codes.get(row) < 0;
    }

    void appendNull() {
      codes.add(-1);
    }

    void appendObject(Object v) {
      codes.add(v == null ? -1 : dictionary.code((String) v));
    }

    long heapBytes() {
      return 4L * codes.size() + 64L * dictionary.size();
    }
  }

  static final class StringStorage extends Storage {
    final Utf8Vector text;
    final BitVector nulls;

    StringStorage() {
      this(new Utf8Vector(), new BitVector());
    }

    StringStorage(Utf8Vector text, BitVector nulls) {
      this.text = text;
      this.nulls = nulls;
    }
    /** The strings read as dates and as date-times, built when a query first needs them. */
    volatile ParsedTimes days;
    volatile ParsedTimes millis;

    Kind kind() {
      return Kind.STRING;
    }

    int size() {
      return text.size();
    }

    void add(String v) {
      text.add(v);
      nulls.add(false);
    }

    Object get(int row) {
      return nulls.get(row) ? null : text.get(row);
    }

    boolean isNull(int row) {
      return nulls.get(row);
    }

    void appendNull() {
      text.add(EMPTY);
      nulls.add(true);
    }

    void appendObject(Object v) {
      if (v == null) {
        appendNull();
      } else {
        add((String) v);
      }
    }

    long heapBytes() {
      return text.heapBytes();
    }
  }

  static final class JsonStorage extends Storage {
    final Utf8Vector text;
    final BitVector nulls;

    JsonStorage() {
      this(new Utf8Vector(), new BitVector());
    }

    JsonStorage(Utf8Vector text, BitVector nulls) {
      this.text = text;
      this.nulls = nulls;
    }

    Kind kind() {
      return Kind.JSON;
    }

    int size() {
      return text.size();
    }

    void add(Object tree) {
      text.add(Json.writeBytes(tree));
      nulls.add(false);
    }

    Object get(int row) {
      return nulls.get(row) ? null : Json.parse(text.get(row));
    }

    boolean isNull(int row) {
      return nulls.get(row);
    }

    void appendNull() {
      text.add(EMPTY);
      nulls.add(true);
    }

    void appendObject(Object v) {
      if (v == null) {
        appendNull();
      } else {
        add(v);
      }
    }

    long heapBytes() {
      return text.heapBytes();
    }
  }

  static final class MixedStorage extends Storage {
    final ObjectVector values = new ObjectVector();

    Kind kind() {
      return Kind.MIXED;
    }

    int size() {
      return values.size();
    }

    void add(Object v) {
      values.add(v);
    }

    Object get(int row) {
      Object v = values.get(row);
      return v instanceof Map || v instanceof List ? Json.deepCopy(v) : v;
    }

    boolean isNull(int row) {
      return values.get(row) == null;
    }

    void appendNull() {
      values.add(null);
    }

    void appendObject(Object v) {
      values.add(v instanceof Map || v instanceof List ? Json.deepCopy(v) : v);
    }

    long heapBytes() {
      return 48L * values.size();
    }
  }

  private static final byte[] EMPTY = new byte[0];
}
