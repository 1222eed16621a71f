package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asyncdb.jdbc.remote.ExecuteCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Responses;
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
 * The protobuf endpoint with executes through {@link ExecuteCodec} ({@link ProtobufRequestHandler}):
 * what stock Avatica clients (protobuf and JSON) and raw requests get, on the wire.
 */
class ProtobufRequestHandlerTest {
  private static final String LOOKUP = "select id, n from items where id = ?";

  @TempDir
  static Path tmp;
  static AsyncDbServer server;
  private final ProtobufTranslationImpl avatica = new ProtobufTranslationImpl();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = AsyncDbServer.start(ServerConfig.forProject(Projects.items(tmp, 50)).withPort(0));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private HttpResponse<byte[]> post(byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url())).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aStockJsonClientRunsPreparedLookups() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:avatica:remote:url=" + server.url() + AvaticaEndpoint.JSON_PATH + ";serialization=json");
        PreparedStatement ps = c.prepareStatement(LOOKUP)) {
      for (int i : new int[] {3, 49}) {
        ps.setString(1, "i" + i);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(2)).isEqualTo(i);
          assertThat(rs.next()).isFalse();
        }
      }
    }
  }

  @Test
  void stockExecutesGetAvaticasFullFramesAndOursTheCompactOnes() throws Exception {
    Service wire = new RemoteProtobufService(new AvaticaHttpClientImpl(URI.create(server.url()).toURL()), avatica);
    String connection = "raw-1";
    wire.apply(new Service.OpenConnectionRequest(connection, Map.of()));
    try {
      StatementHandle prepared = wire.apply(new Service.PrepareRequest(connection, LOOKUP, -1)).statement;
      List<TypedValue> key = List.of(TypedValue.ofLocal(ColumnMetaData.Rep.STRING, "i7"));
      // As a stock client sends it (with the signature): every value also in the deprecated field, as Avatica writes it.
      Common.ColumnValue stock = firstColumn(post(avatica.serializeRequest(new Service.ExecuteRequest(prepared, key, 100))));
      assertThat(stock.getScalarValue().getStringValue()).isEqualTo("i7");
      assertThat(stock.getValueCount()).isEqualTo(1);
      // As our driver sends it (no signature): the value once.
      Common.ColumnValue ours = firstColumn(post(ExecuteCodec.encodeRequest(
          new Service.ExecuteRequest(new StatementHandle(connection, prepared.id, null), key, 100))));
      assertThat(ours.getScalarValue().getStringValue()).isEqualTo("i7");
      assertThat(ours.getValueCount()).isZero();
    } finally {
      wire.apply(new Service.CloseConnectionRequest(connection));
    }
  }

  private Common.ColumnValue firstColumn(HttpResponse<byte[]> response) throws Exception {
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(response.body().length));
    Common.WireMessage envelope = Common.WireMessage.parseFrom(response.body());
    assertThat(envelope.getName()).isEqualTo(Responses.ExecuteResponse.class.getName());
    return Responses.ExecuteResponse.parseFrom(envelope.getWrappedMessage()).getResults(0).getFirstFrame().getRows(0).getValue(0);
  }

  @Test
  void anExecuteOfAStatementTheServerDoesNotHaveIsAMissingStatement() throws Exception {
    HttpResponse<byte[]> response = post(ExecuteCodec.encodeRequest(new Service.ExecuteRequest(new StatementHandle("nobody", 12345, null),
        List.of(TypedValue.ofLocal(ColumnMetaData.Rep.STRING, "i1")), 100)));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ExecuteCodec.decodeResponse(response.body()).missingStatement).isTrue();
  }

  @Test
  void bytesThatAreNotAnAvaticaMessageGetAvaticasErrorResponse() throws Exception {
    HttpResponse<byte[]> response = post(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x02});
    assertThat(response.statusCode()).isEqualTo(500);
    Service.Response error = avatica.parseResponse(response.body());
    assertThat(error).isInstanceOf(Service.ErrorResponse.class);
    // A truncated execute is read by the codec and fails the same way.
    byte[] execute = ExecuteCodec.encodeRequest(new Service.ExecuteRequest(new StatementHandle("c", 1, null),
        List.of(TypedValue.ofLocal(ColumnMetaData.Rep.STRING, "i1")), 100));
    HttpResponse<byte[]> truncated = post(java.util.Arrays.copyOf(execute, execute.length - 4));
    assertThat(truncated.statusCode()).isEqualTo(500);
    assertThat(avatica.parseResponse(truncated.body())).isInstanceOf(Service.ErrorResponse.class);
  }

  @Test
  void aGetIsRefusedAsAvaticaRefusesIt() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url())).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("This server expects only POST calls.");
  }
}
