package dev.asyncdb.server.viewer;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.json.Json;
import dev.asyncdb.server.rest.ProjectRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;

/**
 * {@code POST /__db/sql} with {@code {"sql": "..."}}: runs one statement through the embedded
 * {@code jdbc:asyncdb:} driver on the served project (the same engine the REST routes use) and
 * answers {@code {columns, rows, truncated}} or {@code {updateCount}}; a failure is the error
 * envelope with the engine's code and hint when there is one, else {@code SQL_ERROR} and the SQLState.
 */
final class SqlConsole {
  /** Rows shown at most: the console is for looking, not for exports. */
  static final int MAX_ROWS = 1000;

  private final String jdbcUrl;
  private final long maxBodyBytes;

  record Answer(int status, Object body) {}

  SqlConsole(String jdbcUrl, long maxBodyBytes) {
    this.jdbcUrl = jdbcUrl;
    this.maxBodyBytes = maxBodyBytes;
  }

  Answer run(HttpServletRequest request) throws IOException {
    String sql;
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      if (body.length > maxBodyBytes) {
        return error(413, "JSON_BODY_TOO_LARGE", "The SQL request is larger than the server's limit of " + maxBodyBytes + " bytes.",
            "Send a shorter statement.", Map.of());
      }
      Object parsed = Json.parse(new String(body, StandardCharsets.UTF_8));
      if (!(parsed instanceof Map<?, ?> m) || !(m.get("sql") instanceof String s) || s.isBlank()) {
        return error(400, "SQL_CONSOLE_INVALID_BODY", "Expected {\"sql\": \"<statement>\"}, got " + Json.typeName(parsed) + ".",
            "POST {\"sql\": \"select * from users\"}.", Map.of());
      }
      sql = s;
    } catch (java.io.UncheckedIOException e) {
      return error(400, "REST_INVALID_JSON_BODY", "The request body is not valid JSON: " + e.getCause().getMessage(),
          "POST {\"sql\": \"select * from users\"}.", Map.of());
    }
    // A read-only user's queries run on a read-only connection: the console cannot write for them.
    String url = ProjectRequest.readOnly(request) ? jdbcUrl + ";readOnly=true" : jdbcUrl;
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.setMaxRows(MAX_ROWS + 1);
      if (!st.execute(sql)) {
        return new Answer(200, Map.of("updateCount", st.getUpdateCount()));
      }
      try (ResultSet rs = st.getResultSet()) {
        ResultSetMetaData md = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          columns.add(md.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (rs.next()) {
          if (rows.size() == MAX_ROWS) {
            truncated = true;
            break;
          }
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= columns.size(); i++) {
            Object v = rs.getObject(i);
            row.add(v == null || v instanceof Number || v instanceof Boolean || v instanceof String ? v : v.toString());
          }
          rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", columns);
        out.put("rows", rows);
        out.put("truncated", truncated);
        return new Answer(200, out);
      }
    } catch (SQLException e) {
      DbException cause = engineCause(e);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("sqlState", e.getSQLState());
      details.put("sql", sql);
      if (cause != null) {
        return error(cause.status() >= 500 ? 500 : 400, cause.code(), e.getMessage(), cause.hint(), details);
      }
      return error(400, "SQL_ERROR", e.getMessage(), "Check the statement against the schema (the Schema tab lists tables and columns).", details);
    }
  }

  private static DbException engineCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof DbException d) {
        return d;
      }
    }
    return null;
  }

  private static Answer error(int status, String code, String message, String hint, Map<String, Object> details) {
    return new Answer(status, envelope(code, message, hint, details));
  }

  /** The REST error envelope, {@code {"error": {code, message, hint, details}}}, for the viewer's own routes. */
  static Map<String, Object> envelope(String code, String message, String hint, Map<String, Object> details) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("hint", hint);
    error.put("details", details);
    return Map.of("error", error);
  }
}
