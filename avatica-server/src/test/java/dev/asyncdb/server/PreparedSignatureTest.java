package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.jdbc.remote.CompactProtobufService;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.apache.calcite.avatica.remote.AvaticaHttpClientImpl;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.RemoteProtobufService;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prepared executes without the statement's signature ({@link CompactLocalService}): what a
 * request with and without one gets, on the wire, and that both our driver (which sends none) and
 * Avatica's own remote driver (which sends it every time) read the same results, in one frame or
 * in many, and get the same errors.
 */
class PreparedSignatureTest {
  private static final String LOOKUP = "select id, n from items where id = ?";

  @TempDir
  static Path tmp;
  static AsyncDbServer server;

  @BeforeAll
  static void start() {
    server = AsyncDbServer.start(ServerConfig.forProject(Projects.items(tmp, 250)).withPort(0)
        .withLimits(Limits.defaults().withMaxFrameRows(40)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Service.ExecuteResponse execute(Service service, StatementHandle h, String id) {
    return service.apply(new Service.ExecuteRequest(h, List.of(TypedValue.ofLocal(org.apache.calcite.avatica.ColumnMetaData.Rep.STRING, id)), 100));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> onlyRow(Service.ExecuteResponse response) {
    List<Object> rows = new ArrayList<>();
    response.results.get(0).firstFrame.rows.forEach(rows::add);
    assertThat(rows).hasSize(1);
    return (List<Object>) rows.get(0);
  }

  @Test
  void aRequestWithoutTheSignatureRunsWithThePreparedOneAndGetsNoneBack() throws Exception {
    Service wire = new RemoteProtobufService(new AvaticaHttpClientImpl(URI.create(server.url()).toURL()), new ProtobufTranslationImpl());
    String connection = "wire-1";
    wire.apply(new Service.OpenConnectionRequest(connection, Map.of()));
    try {
      StatementHandle prepared = wire.apply(new Service.PrepareRequest(connection, LOOKUP, -1)).statement;
      assertThat(prepared.signature.columns).hasSize(2);

      // As Avatica's client sends it: the signature travels both ways.
      Service.ExecuteResponse full = execute(wire, prepared, "i7");
      assertThat(full.results.get(0).signature.columns).extracting(c -> c.columnName).containsExactly("id", "n");
      assertThat(onlyRow(full)).containsExactly("i7", 7L);

      // Without it: the same row, no signature back.
      StatementHandle bare = new StatementHandle(connection, prepared.id, null);
      Service.ExecuteResponse compact = execute(wire, bare, "i8");
      assertThat(compact.missingStatement).isFalse();
      assertThat(compact.results.get(0).signature).isNull();
      assertThat(onlyRow(compact)).containsExactly("i8", 8L);

      // Our client's service puts the signature it holds back into the response.
      Service.ExecuteResponse filled = execute(new CompactProtobufService(new AvaticaHttpClientImpl(URI.create(server.url()).toURL())),
          prepared, "i9");
      assertThat(filled.results.get(0).signature).isSameAs(prepared.signature);
      assertThat(onlyRow(filled)).containsExactly("i9", 9L);

      // A statement the server never prepared is missing, with or without a signature.
      assertThat(execute(wire, new StatementHandle(connection, prepared.id + 1000, null), "i1").missingStatement).isTrue();
    } finally {
      wire.apply(new Service.CloseConnectionRequest(connection));
    }
  }

  @Test
  void anUpdateWithoutTheSignatureAnswersItsCount() throws Exception {
    Service wire = new RemoteProtobufService(new AvaticaHttpClientImpl(URI.create(server.url()).toURL()), new ProtobufTranslationImpl());
    String connection = "wire-2";
    wire.apply(new Service.OpenConnectionRequest(connection, Map.of()));
    try {
      StatementHandle prepared = wire.apply(new Service.PrepareRequest(connection, "update items set n = n where id = ?", -1)).statement;
      Service.ExecuteResponse response = execute(wire, new StatementHandle(connection, prepared.id, null), "i3");
      assertThat(response.results.get(0).updateCount).isEqualTo(1);
      assertThat(response.results.get(0).signature).isNull();
    } finally {
      wire.apply(new Service.CloseConnectionRequest(connection));
    }
  }

  private static Connection avaticas() throws SQLException {
    return DriverManager.getConnection("jdbc:avatica:remote:url=" + server.url() + ";serialization=protobuf");
  }

  private static Connection ours() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl());
  }

  @Test
  void avaticasDriverAndOursReadRepeatedLookupsWithTheirMetadata() throws Exception {
    for (Connection c : List.of(avaticas(), ours())) {
      try (c; PreparedStatement ps = c.prepareStatement(LOOKUP)) {
        for (int i : new int[] {5, 17, 249, 5}) {
          ps.setString(1, "i" + i);
          try (ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(2);
            assertThat(md.getColumnLabel(2)).isEqualTo("n");
            assertThat(md.getColumnType(2)).isIn(Types.BIGINT, Types.INTEGER, Types.DOUBLE, Types.DECIMAL);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("id")).isEqualTo("i" + i);
            assertThat(rs.getInt("n")).isEqualTo(i);
            assertThat(rs.next()).isFalse();
          }
        }
        ps.setString(1, "nobody");
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isFalse();
        }
        // execute() of a prepared query hands out the same result.
        ps.setString(1, "i42");
        assertThat(ps.execute()).isTrue();
        try (ResultSet rs = ps.getResultSet()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(2)).isEqualTo(42);
        }
      }
    }
  }

  @Test
  void avaticasDriverAndOursReadAPreparedResultInManyFrames() throws Exception {
    for (Connection c : List.of(avaticas(), ours())) {
      try (c; PreparedStatement ps = c.prepareStatement("select n from items where n >= ? and n < 250 order by n")) {
        ps.setFetchSize(7);
        for (int from : new int[] {0, 100}) {
          ps.setInt(1, from);
          List<Integer> seen = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              seen.add(rs.getInt(1));
            }
          }
          assertThat(seen).hasSize(250 - from).startsWith(from).endsWith(249).isSorted();
        }
      }
    }
  }

  @Test
  void avaticasDriverAndOursGetTheSameErrors() throws Exception {
    for (Connection c : List.of(avaticas(), ours())) {
      try (c) {
        assertThatThrownBy(() -> c.prepareStatement("select id from itemz where id = ?"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("itemz")
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42S02"));
        try (PreparedStatement ps = c.prepareStatement(LOOKUP)) {
          // Executing with the parameter unbound fails on the server; the statement stays usable.
          assertThatThrownBy(ps::executeQuery).isInstanceOf(SQLException.class).hasMessageContaining("unbound parameter");
          ps.setString(1, "i1");
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(2)).isEqualTo(1);
          }
        }
      }
    }
  }

  @Test
  void preparedWritesRunForBothDrivers() throws Exception {
    for (Connection c : List.of(avaticas(), ours())) {
      try (c; PreparedStatement insert = c.prepareStatement("insert into items (id, n) values (?, ?)");
          PreparedStatement read = c.prepareStatement(LOOKUP)) {
        String id = "new-" + c.getClass().getSimpleName() + "-" + System.identityHashCode(c);
        insert.setString(1, id);
        insert.setInt(2, 1000);
        assertThat(insert.executeUpdate()).isEqualTo(1);
        read.setString(1, id);
        try (ResultSet rs = read.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(2)).isEqualTo(1000);
        }
      }
    }
  }
}
