package dev.asyncdb.engine.table;

import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Arrays;

/**
 * Writes the record of a table row as JSON bytes straight from the columns, byte for byte what
 * {@link RecordTable#writeFields} writes through a Jackson generator — for the values it can
 * write without Jackson's escaping rules: text that is printable ASCII without quotes or
 * backslashes, integers, booleans and nulls. A row with any other value (a fraction, nested JSON,
 * text that needs escaping or is not ASCII) is left to the caller ({@link #write} returns false).
 * A bulk load's log record is 100k such rows: a copy of bytes per value instead of a generator
 * call per token.
 */
public final class RowJsonWriter {
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  private final RecordTable table;
  /** Per column ordinal: {@code "name":} as Jackson writes a field name. */
  private byte[][] names = new byte[0][];
  /** Per dictionary-encoded column ordinal: the quoted text of each code, or {@link #ESCAPED} when Jackson must write it. */
  private byte[][][] dictionaries = new byte[0][][];
  private static final byte[] ESCAPED = new byte[0];

  public RowJsonWriter(RecordTable table) {
    this.table = table;
  }

  /** The table whose rows this writer writes. */
  public RecordTable table() {
    return table;
  }

  /**
   * Appends the record in {@code row} as a JSON object to {@code out}; false, with {@code out} as
   * it was, when a value of the row is one only Jackson writes.
   */
  public boolean write(int row, JsonBytes out) {
    return object(row, out, false);
  }

  /**
   * {@link #write} as an element of a pretty-printed top-level array in the original's state file
   * format ({@code JsPrettyPrinter}: two spaces per level, {@code "name": value}); false, with
   * {@code out} as it was, when a value of the row is one only Jackson writes.
   */
  public boolean writePretty(int row, JsonBytes out) {
    return object(row, out, true);
  }

  private boolean object(int row, JsonBytes out, boolean pretty) {
    int mark = out.size();
    Column[] cs = table.columnArray();
    int[] shape = table.shapeOf(row);
    out.put((byte) '{');
    for (int k = 0; k < shape.length; k++) {
      Column c = cs[shape[k]];
      byte[] n = name(c);
      if (pretty) {
        out.put(k > 0 ? FIELD_SEPARATOR : FIRST_FIELD);
        out.put(n, n.length - 1); // "name" without its colon
        out.put(COLON);
      } else {
        if (k > 0) {
          out.put((byte) ',');
        }
        out.put(n);
      }
      if (!value(c, row, out)) {
        out.truncate(mark);
        return false;
      }
    }
    if (pretty && shape.length > 0) {
      out.put(ROW_END);
    } else {
      out.put((byte) '}');
    }
    return true;
  }

  private static final byte[] FIRST_FIELD = "\n    ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] FIELD_SEPARATOR = ",\n    ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] COLON = ": ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] ROW_END = "\n  }".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * Appends the key string of {@code row} ({@link RecordTable#keyOf}) as a JSON string: a text key
   * straight from its column; false, with {@code out} as it was, when it is not plain.
   */
  public boolean writeKey(int row, JsonBytes out) {
    KeySpec key = table.keySpec();
    Column c = key.isCompound() ? null : table.column(key.fields().get(0));
    if (c != null && c.storage() instanceof Column.StringStorage p && !p.nulls.get(row) && p.text.byteLength(row) > 0) {
      int mark = out.size();
      out.put((byte) '"');
      if (!out.putPlain(p.text, row)) {
        out.truncate(mark);
        return false;
      }
      out.put((byte) '"');
      return true;
    }
    String k = table.keyOf(row);
    return k != null && out.putQuotedPlain(k);
  }

  private boolean value(Column c, int row, JsonBytes out) {
    Column.Storage s = c.storage();
    if (s.isNull(row)) {
      out.put(NULL);
      return true;
    }
    if (s instanceof Column.StringStorage p) {
      out.put((byte) '"');
      if (!out.putPlain(p.text, row)) {
        return false;
      }
      out.put((byte) '"');
      return true;
    }
    if (s instanceof Column.LongStorage l) {
      return out.putLong(l.values.get(row));
    }
    if (s instanceof Column.DictStorage d) {
      byte[] quoted = dictionaryText(c.ordinal(), d, d.codes.get(row));
      if (quoted == ESCAPED) {
        return false;
      }
      out.put(quoted);
      return true;
    }
    if (s instanceof Column.BoolStorage b) {
      out.put(b.values.get(row) ? TRUE : FALSE);
      return true;
    }
    return false;
  }

  private byte[] name(Column c) {
    int ord = c.ordinal();
    if (ord >= names.length) {
      names = Arrays.copyOf(names, Math.max(ord + 1, names.length * 2));
    }
    byte[] n = names[ord];
    if (n == null) {
      byte[] quoted = new SerializedString(c.name()).asQuotedUTF8();
      n = new byte[quoted.length + 3];
      n[0] = '"';
      System.arraycopy(quoted, 0, n, 1, quoted.length);
      n[n.length - 2] = '"';
      n[n.length - 1] = ':';
      names[ord] = n;
    }
    return n;
  }

  private byte[] dictionaryText(int ord, Column.DictStorage d, int code) {
    if (ord >= dictionaries.length) {
      dictionaries = Arrays.copyOf(dictionaries, Math.max(ord + 1, dictionaries.length * 2));
    }
    byte[][] texts = dictionaries[ord];
    if (texts == null || code >= texts.length) {
      texts = texts == null ? new byte[Math.max(16, code + 1)][] : Arrays.copyOf(texts, Math.max(code + 1, texts.length * 2));
      dictionaries[ord] = texts;
    }
    byte[] t = texts[code];
    if (t == null) {
      t = JsonBytes.quotedPlain(d.dictionary.get(code));
      texts[code] = t == null ? ESCAPED : t;
      t = texts[code];
    }
    return t;
  }
}
