package dev.asyncdb.calcite.ddl;

import dev.asyncdb.calcite.ddl.DdlStatement.Column;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.schema.FieldType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Recognises the DDL statements Async DB runs itself and parses them into {@link DdlStatement}s.
 * The statement structure (names, column definitions, constraints) is read here; every
 * expression in it — {@code DEFAULT} values, {@code CHECK} conditions, view queries — is parsed
 * by Calcite. Anything that is not DDL returns null and goes to Calcite unchanged.
 */
public final class DdlParser {
  private static final Set<String> CONSTRAINT_WORDS = Set.of("NOT", "NULL", "PRIMARY", "UNIQUE", "DEFAULT", "CHECK", "REFERENCES",
      "CONSTRAINT", "COLLATE", "AUTOINCREMENT", "AUTO_INCREMENT", "GENERATED");
  private static final Set<String> TYPE_TAIL_WORDS = Set.of("PRECISION", "VARYING", "WITH", "WITHOUT", "TIME", "ZONE", "LOCAL", "UNSIGNED");

  private final String sql;
  private final List<Token> tokens;
  private int at;

  private record Token(String text, boolean word, boolean quoted, boolean string, int start, int end) {
    String upper() {
      return word && !quoted ? text.toUpperCase(Locale.ROOT) : "";
    }
  }

  private DdlParser(String sql) {
    this.sql = sql;
    this.tokens = tokenize(sql);
  }

  /** Whether a statement is DDL this parser owns (cheap: looks at the first words only). */
  public static boolean isDdl(String sql) {
    List<Token> t = tokenize(sql, 4);
    if (t.isEmpty()) {
      return false;
    }
    String first = t.get(0).upper();
    if (first.equals("ALTER")) {
      return t.size() > 1 && t.get(1).upper().equals("TABLE");
    }
    if (first.equals("DROP")) {
      return t.size() > 1 && Set.of("TABLE", "INDEX", "VIEW").contains(t.get(1).upper());
    }
    if (first.equals("CREATE")) {
      for (int i = 1; i < t.size(); i++) {
        String w = t.get(i).upper();
        if (Set.of("TABLE", "INDEX", "VIEW").contains(w)) {
          return true;
        }
        if (!Set.of("OR", "REPLACE", "UNIQUE").contains(w)) {
          return false;
        }
      }
    }
    return false;
  }

  /** The statement, or null when it is not DDL this parser owns; throws {@code SQL_DDL_SYNTAX} for malformed DDL. */
  public static DdlStatement parse(String sql) {
    return isDdl(sql) ? new DdlParser(sql).statement() : null;
  }

  private DdlStatement statement() {
    String verb = next().upper();
    DdlStatement s = switch (verb) {
      case "CREATE" -> create();
      case "DROP" -> drop();
      default -> alter();
    };
    accept(";");
    if (at < tokens.size()) {
      throw syntax("unexpected " + describe(peek()) + " after the end of the statement");
    }
    return s;
  }

  private DdlStatement create() {
    boolean orReplace = acceptWords("OR", "REPLACE");
    boolean unique = acceptWords("UNIQUE");
    String what = next().upper();
    switch (what) {
      case "TABLE": {
        boolean ifNotExists = acceptWords("IF", "NOT", "EXISTS");
        String table = name();
        if (acceptWords("AS")) {
          throw unsupported("CREATE TABLE … AS SELECT is not supported", "Create the table with its columns, then INSERT INTO it SELECT ….");
        }
        return createTable(table, ifNotExists);
      }
      case "INDEX": {
        boolean ifNotExists = acceptWords("IF", "NOT", "EXISTS");
        String index = name();
        expectWord("ON");
        String table = name();
        return new DdlStatement.CreateIndex(index, table, nameList(), unique, ifNotExists);
      }
      default: {
        String view = name();
        String query;
        if (peekIs("(")) {
          List<String> columns = nameList();
          expectWord("AS");
          query = "SELECT * FROM (" + rest() + ") AS \"v\" (" + String.join(", ", columns.stream().map(DdlParser::quote).toList()) + ")";
        } else {
          expectWord("AS");
          query = rest();
        }
        return new DdlStatement.CreateView(view, query, orReplace);
      }
    }
  }

  private DdlStatement createTable(String table, boolean ifNotExists) {
    expect("(");
    List<Column> columns = new ArrayList<>();
    List<String> primaryKey = new ArrayList<>();
    Map<String, Map<String, Object>> extra = new LinkedHashMap<>();
    do {
      acceptConstraintName();
      if (acceptWords("PRIMARY", "KEY")) {
        primaryKey.addAll(nameList());
      } else if (acceptWords("UNIQUE")) {
        List<String> names = nameList();
        if (names.size() != 1) {
          throw unsupported("UNIQUE over several columns is not supported", "Declare UNIQUE on one column; Async DB checks single fields.");
        }
        extra.computeIfAbsent(names.get(0), n -> new LinkedHashMap<>()).put("unique", true);
      } else if (acceptWords("CHECK")) {
        Map<String, Object> check = check();
        extra.computeIfAbsent((String) check.remove("column"), n -> new LinkedHashMap<>()).putAll(check);
      } else if (acceptWords("FOREIGN", "KEY")) {
        List<String> names = nameList();
        expectWord("REFERENCES");
        String target = name();
        if (peekIs("(")) {
          nameList();
        }
        skipReferentialActions();
        extra.computeIfAbsent(names.get(0), n -> new LinkedHashMap<>()).put("references", target);
      } else {
        columns.add(column());
      }
    } while (accept(","));
    expect(")");
    List<Column> merged = new ArrayList<>();
    for (Column c : columns) {
      Map<String, Object> e = extra.remove(c.name());
      boolean pk = c.primaryKey() || primaryKey.stream().anyMatch(k -> k.equalsIgnoreCase(c.name()));
      merged.add(e == null && pk == c.primaryKey() ? c : apply(c, pk, e == null ? Map.of() : e));
    }
    if (!extra.isEmpty()) {
      throw syntax("a table constraint names column " + extra.keySet().iterator().next() + ", which the table does not declare");
    }
    for (String k : primaryKey) {
      if (merged.stream().noneMatch(c -> c.name().equalsIgnoreCase(k))) {
        throw syntax("PRIMARY KEY names column " + k + ", which the table does not declare");
      }
    }
    return new DdlStatement.CreateTable(table, ifNotExists, merged, primaryKey);
  }

  @SuppressWarnings("unchecked")
  private static Column apply(Column c, boolean pk, Map<String, Object> e) {
    FieldType type = e.containsKey("values") ? FieldType.ENUM : c.type();
    return new Column(c.name(), type, c.notNull(), pk, c.unique() || Boolean.TRUE.equals(e.get("unique")), c.hasDefault(), c.defaultValue(),
        e.containsKey("values") ? (List<Object>) e.get("values") : c.values(), e.containsKey("min") ? (Double) e.get("min") : c.min(),
        e.containsKey("max") ? (Double) e.get("max") : c.max(), c.maxLength(),
        e.containsKey("references") ? (String) e.get("references") : c.references());
  }

  /** A column definition: name, type, then constraints in any order. */
  @SuppressWarnings("unchecked")
  private Column column() {
    String name = name();
    Token typeToken = next();
    if (!typeToken.word() || typeToken.quoted()) {
      throw syntax("column " + name + " needs a type, found " + describe(typeToken));
    }
    StringBuilder typeName = new StringBuilder(typeToken.upper());
    while (at < tokens.size() && TYPE_TAIL_WORDS.contains(peek().upper())) {
      typeName.append(' ').append(next().upper());
    }
    Integer length = null;
    if (accept("(")) {
      Token n = next();
      length = n.word() || n.string() ? null : Integer.valueOf(n.text());
      while (!accept(")")) {
        next();
      }
    }
    FieldType type = type(name, typeName.toString());
    Integer maxLength = type == FieldType.STRING && length != null && !typeName.toString().startsWith("CHAR") ? length : null;
    boolean notNull = false;
    boolean primaryKey = false;
    boolean unique = false;
    boolean hasDefault = false;
    Object defaultValue = null;
    List<Object> values = null;
    Double min = null;
    Double max = null;
    String references = null;
    while (at < tokens.size() && !peekIs(",") && !peekIs(")")) {
      acceptConstraintName();
      if (acceptWords("NOT", "NULL")) {
        notNull = true;
      } else if (acceptWords("NULL")) {
        notNull = false;
      } else if (acceptWords("PRIMARY", "KEY")) {
        primaryKey = true;
        if (!acceptWords("ASC")) {
          acceptWords("DESC");
        }
      } else if (acceptWords("UNIQUE")) {
        unique = true;
      } else if (acceptWords("AUTOINCREMENT") || acceptWords("AUTO_INCREMENT")) {
        // Counter ids are how Async DB generates keys anyway.
      } else if (acceptWords("DEFAULT")) {
        hasDefault = true;
        defaultValue = literal(name, expressionText());
      } else if (acceptWords("CHECK")) {
        Map<String, Object> check = check();
        if (!name.equalsIgnoreCase((String) check.get("column"))) {
          throw unsupported("CHECK on column " + name + " compares column " + check.get("column"), "Write the CHECK about the column it is declared on.");
        }
        if (check.containsKey("values")) {
          values = (List<Object>) (List<?>) check.get("values");
        }
        min = check.containsKey("min") ? (Double) check.get("min") : min;
        max = check.containsKey("max") ? (Double) check.get("max") : max;
      } else if (acceptWords("REFERENCES")) {
        references = name();
        if (peekIs("(")) {
          nameList();
        }
        skipReferentialActions();
      } else if (acceptWords("COLLATE")) {
        next();
      } else {
        throw syntax("unexpected " + describe(peek()) + " in the definition of column " + name);
      }
    }
    if (values != null && type != FieldType.STRING) {
      throw unsupported("CHECK (" + name + " IN (…)) needs a text column", "Declare " + name + " as VARCHAR or TEXT to make it an enum.");
    }
    return new Column(name, values != null ? FieldType.ENUM : type, notNull || primaryKey, primaryKey, unique, hasDefault, defaultValue,
        values, min, max, maxLength, references);
  }

  private FieldType type(String column, String name) {
    String base = name.split(" ")[0];
    return switch (base) {
      case "VARCHAR", "CHAR", "CHARACTER", "TEXT", "STRING", "CLOB", "NVARCHAR", "NCHAR", "VARCHAR2", "UUID" -> FieldType.STRING;
      case "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "INT2", "INT4", "INT8", "SERIAL", "BIGSERIAL", "LONG" -> FieldType.INTEGER;
      case "REAL", "DOUBLE", "FLOAT", "DECIMAL", "NUMERIC", "NUMBER", "FLOAT4", "FLOAT8" -> FieldType.NUMBER;
      case "BOOLEAN", "BOOL", "BIT" -> FieldType.BOOLEAN;
      case "TIMESTAMP", "DATETIME", "TIMESTAMPTZ" -> FieldType.DATETIME;
      case "DATE" -> FieldType.DATE;
      case "BLOB", "BINARY", "VARBINARY", "BYTEA", "BYTES" -> FieldType.BYTES;
      case "JSON", "JSONB" -> FieldType.JSON;
      case "OBJECT" -> FieldType.OBJECT;
      case "ARRAY" -> FieldType.ARRAY;
      default -> throw unsupported("column " + column + " has type " + name + ", which Async DB cannot store",
          "Use VARCHAR/TEXT, INTEGER/BIGINT, DOUBLE/DECIMAL, BOOLEAN, TIMESTAMP, DATE, VARBINARY/BLOB or JSON.");
    };
  }

  /** A CHECK condition as field constraints: {@code col IN (...)}, {@code col >= n}, {@code col <= n}, {@code BETWEEN}, joined by AND. */
  private Map<String, Object> check() {
    int start = peek().start();
    expect("(");
    int depth = 1;
    while (depth > 0) {
      Token t = next();
      depth += t.text().equals("(") && !t.string() ? 1 : t.text().equals(")") && !t.string() ? -1 : 0;
    }
    String text = sql.substring(start, tokens.get(at - 1).end());
    Map<String, Object> out = new LinkedHashMap<>();
    constraint(parseExpression(text), out, text);
    return out;
  }

  private void constraint(SqlNode node, Map<String, Object> out, String text) {
    if (node instanceof SqlBasicCall call) {
      SqlKind kind = call.getKind();
      if (kind == SqlKind.AND) {
        for (SqlNode operand : call.getOperandList()) {
          constraint(operand, out, text);
        }
        return;
      }
      if (kind == SqlKind.IN && call.operand(0) instanceof SqlIdentifier id && call.operand(1) instanceof SqlNodeList list) {
        column(id, out, text);
        List<Object> values = new ArrayList<>();
        for (SqlNode item : list) {
          values.add(literalValue(item, text));
        }
        out.put("values", values);
        return;
      }
      if (kind == SqlKind.BETWEEN && call.operand(0) instanceof SqlIdentifier id) {
        column(id, out, text);
        out.put("min", number(call.operand(1), text));
        out.put("max", number(call.operand(2), text));
        return;
      }
      if ((kind == SqlKind.GREATER_THAN_OR_EQUAL || kind == SqlKind.LESS_THAN_OR_EQUAL) && call.operand(0) instanceof SqlIdentifier id) {
        column(id, out, text);
        out.put(kind == SqlKind.GREATER_THAN_OR_EQUAL ? "min" : "max", number(call.operand(1), text));
        return;
      }
    }
    throw unsupported("CHECK " + text + " cannot be kept by Async DB",
        "Use col IN ('a', 'b'), col >= n, col <= n or col BETWEEN a AND b (joined by AND); other rules belong in the application.");
  }

  private void column(SqlIdentifier id, Map<String, Object> out, String text) {
    String name = id.names.get(id.names.size() - 1);
    Object previous = out.putIfAbsent("column", name);
    if (previous != null && !previous.equals(name)) {
      throw unsupported("CHECK " + text + " relates two columns", "Write one CHECK per column.");
    }
  }

  private Double number(SqlNode node, String text) {
    Object v = literalValue(node, text);
    if (!(v instanceof Number n)) {
      throw unsupported("CHECK " + text + " compares with a non-number", "Bounds must be numbers.");
    }
    return n.doubleValue();
  }

  /** The text of an expression up to the next constraint keyword, comma or closing parenthesis at depth 0. */
  private String expressionText() {
    int start = peek().start();
    int end = start;
    int depth = 0;
    while (at < tokens.size()) {
      Token t = peek();
      if (depth == 0 && (peekIs(",") || peekIs(")") || CONSTRAINT_WORDS.contains(t.upper()) && end > start)) {
        break;
      }
      depth += peekIs("(") ? 1 : peekIs(")") ? -1 : 0;
      end = next().end();
    }
    return sql.substring(start, end);
  }

  private Object literal(String column, String text) {
    return literalValue(parseExpression(text), "DEFAULT " + text + " of column " + column);
  }

  private Object literalValue(SqlNode node, String where) {
    if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.MINUS_PREFIX && literalValue(call.operand(0), where) instanceof Number n) {
      return n instanceof Long l ? (Object) (-l) : (Object) (-n.doubleValue());
    }
    if (node instanceof SqlLiteral lit) {
      Object v = lit.getValue();
      return switch (lit.getTypeName().getFamily() == null ? "" : lit.getTypeName().getFamily().name()) {
        case "CHARACTER" -> lit.getValueAs(String.class);
        case "NUMERIC" -> {
          BigDecimal d = lit.getValueAs(BigDecimal.class);
          yield d.stripTrailingZeros().scale() <= 0 ? (Object) d.longValueExact() : (Object) d.doubleValue();
        }
        case "BOOLEAN" -> lit.getValueAs(Boolean.class);
        case "NULL" -> null;
        case "TIMESTAMP" -> lit.toValue().replace(' ', 'T') + "Z";
        case "DATE" -> lit.toValue();
        default -> v == null ? null : lit.toValue();
      };
    }
    throw unsupported(where + " is not a literal value", "Use a constant: a string, a number, TRUE/FALSE, NULL, or DATE/TIMESTAMP '…'.");
  }

  private SqlNode parseExpression(String text) {
    try {
      return SqlParser.create(text, SqlParser.config().withQuoting(Quoting.DOUBLE_QUOTE).withUnquotedCasing(Casing.UNCHANGED)
          .withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false)).parseExpression();
    } catch (SqlParseException e) {
      throw syntax("cannot parse " + text + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private DdlStatement drop() {
    String what = next().upper();
    boolean ifExists = acceptWords("IF", "EXISTS");
    switch (what) {
      case "TABLE": {
        List<String> names = new ArrayList<>();
        do {
          names.add(name());
        } while (accept(","));
        boolean force = acceptWords("FORCE");
        if (!acceptWords("CASCADE")) {
          acceptWords("RESTRICT");
        }
        force |= acceptWords("FORCE");
        return new DdlStatement.DropTable(names, ifExists, force);
      }
      case "INDEX": {
        String index = name();
        if (acceptWords("ON")) {
          name();
        }
        return new DdlStatement.DropIndex(index, ifExists);
      }
      default:
        return new DdlStatement.DropView(name(), ifExists);
    }
  }

  private DdlStatement alter() {
    expectWord("TABLE");
    String table = name();
    if (acceptWords("ADD")) {
      acceptWords("COLUMN");
      boolean ifNotExists = acceptWords("IF", "NOT", "EXISTS");
      return new DdlStatement.AddColumn(table, column(), ifNotExists);
    }
    if (acceptWords("DROP")) {
      acceptWords("COLUMN");
      boolean ifExists = acceptWords("IF", "EXISTS");
      return new DdlStatement.DropColumn(table, name(), ifExists);
    }
    if (acceptWords("RENAME")) {
      if (acceptWords("TO")) {
        throw unsupported("renaming a table is not supported", "Create the new table, INSERT INTO it SELECT * FROM the old one, then DROP the old one.");
      }
      acceptWords("COLUMN");
      String from = name();
      expectWord("TO");
      return new DdlStatement.RenameColumn(table, from, name());
    }
    throw syntax("ALTER TABLE supports ADD COLUMN, DROP COLUMN and RENAME COLUMN; found " + describe(peek()));
  }

  // ---- tokens ----

  private void skipReferentialActions() {
    while (acceptWords("ON")) {
      next();
      if (!acceptWords("CASCADE") && !acceptWords("RESTRICT") && !acceptWords("NO", "ACTION")) {
        expectWord("SET");
        next();
      }
    }
  }

  private void acceptConstraintName() {
    if (acceptWords("CONSTRAINT")) {
      name();
    }
  }

  private List<String> nameList() {
    expect("(");
    List<String> names = new ArrayList<>();
    do {
      names.add(name());
      if (!acceptWords("ASC")) {
        acceptWords("DESC");
      }
    } while (accept(","));
    expect(")");
    return names;
  }

  private String name() {
    Token t = next();
    if (!t.word()) {
      throw syntax("expected a name, found " + describe(t));
    }
    if (accept(".")) {
      // schema-qualified: only the project's schema exists
      if (!t.text().equalsIgnoreCase("db")) {
        throw syntax("schema " + t.text() + " does not exist; tables live in schema db");
      }
      return name();
    }
    return t.text();
  }

  private String rest() {
    if (at >= tokens.size()) {
      throw syntax("the statement ends too early");
    }
    int end = tokens.get(tokens.size() - 1).text().equals(";") ? tokens.get(tokens.size() - 1).start() : sql.length();
    String text = sql.substring(peek().start(), end).trim();
    at = tokens.size();
    return text;
  }

  private boolean acceptWords(String... words) {
    for (int i = 0; i < words.length; i++) {
      if (at + i >= tokens.size() || !tokens.get(at + i).upper().equals(words[i])) {
        return false;
      }
    }
    at += words.length;
    return true;
  }

  private void expectWord(String word) {
    if (!acceptWords(word)) {
      throw syntax("expected " + word + ", found " + describe(at < tokens.size() ? peek() : null));
    }
  }

  private boolean peekIs(String symbol) {
    return at < tokens.size() && !tokens.get(at).word() && !tokens.get(at).string() && tokens.get(at).text().equals(symbol);
  }

  private boolean accept(String symbol) {
    if (peekIs(symbol)) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(String symbol) {
    if (!accept(symbol)) {
      throw syntax("expected " + symbol + ", found " + describe(at < tokens.size() ? peek() : null));
    }
  }

  private Token peek() {
    if (at >= tokens.size()) {
      throw syntax("the statement ends too early");
    }
    return tokens.get(at);
  }

  private Token next() {
    Token t = peek();
    at++;
    return t;
  }

  private static String describe(Token t) {
    return t == null ? "the end of the statement" : t.string() ? "'" + t.text() + "'" : "\"" + t.text() + "\"";
  }

  private static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private DbException syntax(String what) {
    int position = at < tokens.size() ? tokens.get(at).start() : sql.length();
    return new DbException("SQL_DDL_SYNTAX", 400, "Syntax error in DDL at character " + (position + 1) + ": " + what + ".",
        "Supported: CREATE TABLE [IF NOT EXISTS] t (col TYPE [NOT NULL] [PRIMARY KEY] [UNIQUE] [DEFAULT v] [CHECK (…)] [REFERENCES t2], …),"
            + " DROP TABLE [IF EXISTS] t [FORCE], ALTER TABLE t ADD|DROP|RENAME COLUMN …, CREATE [UNIQUE] INDEX i ON t (cols), DROP INDEX i,"
            + " CREATE [OR REPLACE] VIEW v AS query, DROP VIEW v.",
        Map.of("sqlState", "42601", "position", position + 1));
  }

  private static DbException unsupported(String what, String hint) {
    return new DbException("SQL_DDL_UNSUPPORTED", 400, "Not supported: " + what + ".", hint, Map.of("sqlState", "0A000"));
  }

  private static List<Token> tokenize(String sql) {
    return tokenize(sql, Integer.MAX_VALUE);
  }

  /** SQL tokens: words (unquoted or double-quoted/back-quoted names), 'strings', numbers, symbols; comments skipped. */
  private static List<Token> tokenize(String sql, int limit) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n && out.size() < limit) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (c == '\'' || c == '"' || c == '`') {
        StringBuilder sb = new StringBuilder();
        int j = i + 1;
        while (j < n) {
          char d = sql.charAt(j);
          if (d == c) {
            if (j + 1 < n && sql.charAt(j + 1) == c) {
              sb.append(c);
              j += 2;
              continue;
            }
            break;
          }
          sb.append(d);
          j++;
        }
        out.add(new Token(sb.toString(), c != '\'', c != '\'', c == '\'', i, Math.min(j + 1, n)));
        i = j + 1;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
          j++;
        }
        out.add(new Token(sql.substring(i, j), true, false, false, i, j));
        i = j;
      } else if (Character.isDigit(c)) {
        int j = i;
        while (j < n && (Character.isDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
          j++;
        }
        out.add(new Token(sql.substring(i, j), false, false, false, i, j));
        i = j;
      } else {
        int len = i + 1 < n && "<>!".indexOf(c) >= 0 && "=>".indexOf(sql.charAt(i + 1)) >= 0 ? 2 : 1;
        out.add(new Token(sql.substring(i, i + len), false, false, false, i, i + len));
        i += len;
      }
    }
    return out;
  }
}
