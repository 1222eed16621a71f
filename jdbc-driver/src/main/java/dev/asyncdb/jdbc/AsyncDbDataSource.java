package dev.asyncdb.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for {@code jdbc:asyncdb:} URLs, so frameworks (Spring's JdbcTemplate, jOOQ,
 * migration tools, connection pools) can use Async DB without {@code DriverManager}. Its settings
 * are the driver's connection properties ({@link AsyncDbProperty}): a setter per property, or
 * {@link #setProperty} by name; unknown names are refused as they are in a URL.
 */
public final class AsyncDbDataSource implements DataSource {
  private String url;
  private final Map<AsyncDbProperty, String> properties = new EnumMap<>(AsyncDbProperty.class);
  private PrintWriter logWriter;
  private int loginTimeout;

  public AsyncDbDataSource() {}

  public AsyncDbDataSource(String url) {
    setUrl(url);
  }

  public String getUrl() {
    return url;
  }

  /** The URL: {@code jdbc:asyncdb:<project-dir>}, {@code jdbc:asyncdb:mem:<name>} or a remote one; may carry {@code ;key=value} properties. */
  public void setUrl(String url) {
    if (!ConnectionUrl.accepts(url)) {
      throw new IllegalArgumentException("Not an Async DB URL: " + url + ". Use jdbc:asyncdb:<project-dir> or jdbc:asyncdb:mem:<name>.");
    }
    this.url = url;
  }

  /** Sets a connection property by its name ({@code readOnly}, {@code create}, …). */
  public void setProperty(String name, String value) {
    AsyncDbProperty p = AsyncDbProperty.of(name);
    if (p == null) {
      throw new IllegalArgumentException("Unknown connection property \"" + name + "\". Known properties: "
          + String.join(", ", java.util.Arrays.stream(AsyncDbProperty.values()).map(AsyncDbProperty::key).toList()) + ".");
    }
    properties.put(p, value);
  }

  public String getProperty(String name) {
    AsyncDbProperty p = AsyncDbProperty.of(name);
    return p == null ? null : properties.getOrDefault(p, p.defaultValue());
  }

  public void setReadOnly(boolean readOnly) {
    properties.put(AsyncDbProperty.READ_ONLY, Boolean.toString(readOnly));
  }

  public void setCreate(boolean create) {
    properties.put(AsyncDbProperty.CREATE, Boolean.toString(create));
  }

  public void setFork(String fork) {
    properties.put(AsyncDbProperty.FORK, fork);
  }

  public void setDurability(String durability) {
    properties.put(AsyncDbProperty.DURABILITY, durability);
  }

  public void setUser(String user) {
    properties.put(AsyncDbProperty.USER, user);
  }

  public void setPassword(String password) {
    properties.put(AsyncDbProperty.PASSWORD, password);
  }

  public void setProject(String project) {
    properties.put(AsyncDbProperty.PROJECT, project);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connect(new Properties());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    Properties extra = new Properties();
    if (username != null) {
      extra.setProperty(AsyncDbProperty.USER.key(), username);
    }
    if (password != null) {
      extra.setProperty(AsyncDbProperty.PASSWORD.key(), password);
    }
    return connect(extra);
  }

  private Connection connect(Properties extra) throws SQLException {
    if (url == null) {
      throw new SQLException("AsyncDbDataSource has no URL; call setUrl(\"jdbc:asyncdb:<project-dir>\") first.", "08001");
    }
    Properties info = new Properties();
    properties.forEach((p, v) -> {
      if (v != null) {
        info.setProperty(p.key(), v);
      }
    });
    info.putAll(extra);
    return new Driver().connect(url, info);
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("java.util.logging is not used; Async DB logs through SLF4J.");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("AsyncDbDataSource is not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "AsyncDbDataSource(" + url + ")";
  }
}
