package dev.asyncdb.calcite.ddl;

import dev.asyncdb.engine.schema.FieldType;
import java.util.List;

/** A parsed DDL statement. Names are as written (unquoted names keep their case; matching is case-insensitive). */
public sealed interface DdlStatement {
  /** One column of CREATE TABLE or ALTER TABLE ADD COLUMN, with its constraints as schema-field properties. */
  record Column(String name, FieldType type, boolean notNull, boolean primaryKey, boolean unique, boolean hasDefault, Object defaultValue,
      List<Object> values, Double min, Double max, Integer maxLength, String references) {}

  record CreateTable(String table, boolean ifNotExists, List<Column> columns, List<String> primaryKey) implements DdlStatement {}

  record DropTable(List<String> tables, boolean ifExists, boolean force) implements DdlStatement {}

  record AddColumn(String table, Column column, boolean ifNotExists) implements DdlStatement {}

  record DropColumn(String table, String column, boolean ifExists) implements DdlStatement {}

  record RenameColumn(String table, String from, String to) implements DdlStatement {}

  record CreateIndex(String index, String table, List<String> columns, boolean unique, boolean ifNotExists) implements DdlStatement {}

  record DropIndex(String index, boolean ifExists) implements DdlStatement {}

  record CreateView(String view, String query, boolean orReplace) implements DdlStatement {}

  record DropView(String view, boolean ifExists) implements DdlStatement {}
}
