package dev.asyncdb.bench.engine;

import dev.asyncdb.bench.data.FieldType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one place where engines' SQL genuinely differs: how dates and datetimes are stored and
 * written as literals. Every workload query is otherwise the same text on every engine.
 */
public enum Dialect {

  /** Typed {@code TIMESTAMP} and {@code DATE} columns and standard literals. */
  ANSI("TIMESTAMP/DATE columns; literals are TIMESTAMP '2025-01-01 00:00:00' and"
      + " DATE '1994-01-01'") {
    @Override
    public String timestamp(LocalDateTime utc) {
      return "TIMESTAMP '" + SQL_TIMESTAMP.format(utc) + "'";
    }

    @Override
    public String date(LocalDate date) {
      return "DATE '" + date + "'";
    }

    @Override
    public String sqlType(FieldType type) {
      return switch (type) {
        case DATETIME -> "TIMESTAMP";
        case DATE -> "DATE";
        default -> commonSqlType(type);
      };
    }

    @Override
    public Object bind(FieldType type, Object value) {
      if (value instanceof String text) {
        if (type == FieldType.DATETIME) {
          return LocalDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC);
        }
        if (type == FieldType.DATE) {
          return LocalDate.parse(text);
        }
      }
      return value;
    }
  },

  /**
   * Dates and datetimes kept as the ISO-8601 text of the JSON files (SQLite has no temporal
   * type; Calcite's file adapter types JSON strings as VARCHAR); ISO text orders like the
   * instant it names, so literals are plain strings in the same format.
   */
  ISO_TEXT("ISO-8601 text columns; literals are '2025-01-01T00:00:00Z' and '1994-01-01'") {
    @Override
    public String timestamp(LocalDateTime utc) {
      return "'" + utc.toInstant(ZoneOffset.UTC) + "'";
    }

    @Override
    public String date(LocalDate date) {
      return "'" + date + "'";
    }

    @Override
    public String sqlType(FieldType type) {
      return switch (type) {
        case DATETIME, DATE -> "TEXT";
        default -> commonSqlType(type);
      };
    }

    @Override
    public Object bind(FieldType type, Object value) {
      return value;
    }
  };

  private static final DateTimeFormatter SQL_TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private final String description;

  Dialect(String description) {
    this.description = description;
  }

  /** What this dialect changes, for the report. */
  public String description() {
    return description;
  }

  /** A literal for a UTC datetime. */
  public abstract String timestamp(LocalDateTime utc);

  /** A literal for a date. */
  public abstract String date(LocalDate date);

  /** The column type used to create a table holding {@code type}. */
  public abstract String sqlType(FieldType type);

  /** Converts a JSON value to the object bound into an insert for a column of {@code type}. */
  public abstract Object bind(FieldType type, Object value);

  private static String commonSqlType(FieldType type) {
    return switch (type) {
      case STRING, ENUM -> "VARCHAR";
      case INTEGER -> "BIGINT";
      case NUMBER -> "DOUBLE";
      case BOOLEAN -> "BOOLEAN";
      default -> throw new IllegalArgumentException("no common SQL type for " + type);
    };
  }
}
