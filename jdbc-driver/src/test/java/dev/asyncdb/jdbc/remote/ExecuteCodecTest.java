package dev.asyncdb.jdbc.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.Service.ExecuteRequest;
import org.apache.calcite.avatica.remote.Service.ExecuteResponse;
import org.apache.calcite.avatica.remote.Service.ResultSetResponse;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.Test;

/**
 * {@link ExecuteCodec} against Avatica's own translation: the same bytes written, the same
 * messages read, either way round, so that a stock Avatica client or server on the other side
 * sees no difference.
 */
class ExecuteCodecTest {
  private final ProtobufTranslationImpl avatica = new ProtobufTranslationImpl();
  private static final RpcMetadataResponse SERVER = new RpcMetadataResponse("127.0.0.1:8765");

  private static List<TypedValue> parameters() {
    return Arrays.asList(TypedValue.ofLocal(ColumnMetaData.Rep.STRING, "p42"), TypedValue.ofLocal(ColumnMetaData.Rep.LONG, -7L),
        TypedValue.ofLocal(ColumnMetaData.Rep.JAVA_SQL_TIMESTAMP, 1_700_000_000_123L), TypedValue.ofLocal(ColumnMetaData.Rep.DOUBLE, 2.5),
        TypedValue.ofLocal(ColumnMetaData.Rep.BOOLEAN, true), TypedValue.ofLocal(ColumnMetaData.Rep.NUMBER, new BigDecimal("12.340")),
        TypedValue.ofLocal(ColumnMetaData.Rep.BYTE_STRING, new org.apache.calcite.avatica.util.ByteString(new byte[] {1, 2, 3})),
        TypedValue.ofSerial(ColumnMetaData.Rep.OBJECT, null), null);
  }

  private static Meta.Signature signature() {
    List<ColumnMetaData> columns = List.of(
        ColumnMetaData.dummy(ColumnMetaData.scalar(Types.VARCHAR, "VARCHAR", ColumnMetaData.Rep.STRING), true),
        ColumnMetaData.dummy(ColumnMetaData.scalar(Types.BIGINT, "BIGINT", ColumnMetaData.Rep.LONG), true));
    return Meta.Signature.create(columns, "select id, n from items where id = ?", List.of(), Meta.CursorFactory.LIST, Meta.StatementType.SELECT);
  }

  private static List<ExecuteRequest> requests() {
    return List.of(new ExecuteRequest(new StatementHandle("c-1", 3, null), parameters(), 100),
        new ExecuteRequest(new StatementHandle("c-1", 4, signature()), List.of(TypedValue.ofLocal(ColumnMetaData.Rep.STRING, "i7")), -1),
        new ExecuteRequest(new StatementHandle("c-2", 0, null), null, 0),
        new ExecuteRequest(new StatementHandle("c-2", 9, null), List.of(), Integer.MAX_VALUE));
  }

  /** A response with values of every plain kind, which {@link ExecuteResponseReader} reads itself. */
  private static ExecuteResponse response(Meta.Signature signature) {
    List<Object> rows = new ArrayList<>();
    rows.add(new Object[] {"p1", 1L, 2, 3.5, true, null, new byte[] {9, 8}, "é – ü", (short) 7, (byte) -3, 1.25f, 'x',
        new java.sql.Timestamp(1_700_000_000_123L), java.sql.Date.valueOf("2024-02-29"), java.sql.Time.valueOf("23:59:58")});
    rows.add(Arrays.asList("p2", Long.MIN_VALUE, -1, -0.0, false, null, new byte[0], "", Short.MIN_VALUE, Byte.MAX_VALUE, Float.NaN, ' ',
        null, null, null));
    ResultSetResponse query = new ResultSetResponse("c-1", 3, true, signature, new Meta.Frame(0, true, rows), -1, SERVER);
    ResultSetResponse update = new ResultSetResponse("c-1", 4, true, null, null, 1, SERVER);
    ResultSetResponse empty = new ResultSetResponse("c-1", 5, false, signature, Meta.Frame.EMPTY, -1, SERVER);
    return new ExecuteResponse(List.of(query, update, empty), false, SERVER);
  }

  @Test
  void writesRequestsAsAvaticaDoes() throws IOException {
    for (ExecuteRequest request : requests()) {
      assertThat(ExecuteCodec.encodeRequest(request)).isEqualTo(avatica.serializeRequest(request));
    }
  }

  @Test
  void readsRequestsAsAvaticaDoes() throws IOException {
    for (ExecuteRequest request : requests()) {
      byte[] bytes = avatica.serializeRequest(request);
      ExecuteRequest ours = ExecuteCodec.decodeRequest(bytes);
      assertThat(ours).isEqualTo(avatica.parseRequest(bytes));
      assertThat(ours.parameterValues).isEqualTo(((ExecuteRequest) avatica.parseRequest(bytes)).parameterValues);
    }
  }

  @Test
  void writesResponsesAsAvaticaDoes() throws IOException {
    for (ExecuteResponse response : List.of(response(null), response(signature()), new ExecuteResponse(null, true, SERVER),
        new ExecuteResponse(List.of(), false, null))) {
      assertThat(ExecuteCodec.encodeResponse(response, false)).isEqualTo(avatica.serializeResponse(response));
    }
  }

  @Test
  void readsResponsesAsAvaticaDoes() throws IOException {
    for (ExecuteResponse response : List.of(response(null), response(signature()), new ExecuteResponse(null, true, SERVER))) {
      byte[] bytes = avatica.serializeResponse(response);
      ExecuteResponse ours = ExecuteCodec.decodeResponse(bytes);
      ExecuteResponse theirs = (ExecuteResponse) avatica.parseResponse(bytes);
      assertThat(describe(ours)).isEqualTo(describe(theirs));
    }
  }

  @Test
  void aCompactResponseLeavesOutTheDeprecatedCopiesAndReadsTheSameEverywhere() throws IOException {
    ExecuteResponse response = response(null);
    byte[] full = ExecuteCodec.encodeResponse(response, false);
    byte[] compact = ExecuteCodec.encodeResponse(response, true);
    assertThat(compact.length).isLessThan(full.length - 40);
    ExecuteResponse expected = (ExecuteResponse) avatica.parseResponse(full);
    // Avatica's own reader (any client since Avatica 1.6) and ours read the same from both.
    assertThat(describe((ExecuteResponse) avatica.parseResponse(compact))).isEqualTo(describe(expected));
    assertThat(describe(ExecuteCodec.decodeResponse(compact))).isEqualTo(describe(expected));
  }

  @Test
  void valuesOfOtherKindsAreLeftToAvaticasReader() throws IOException {
    for (Object value : List.of(new BigDecimal("1.50"), List.of(1L, 2L))) {
      List<Object> rows = new ArrayList<>();
      rows.add(new Object[] {"p1", value});
      ExecuteResponse response = new ExecuteResponse(
          List.of(new ResultSetResponse("c-1", 3, true, null, new Meta.Frame(0, true, rows), -1, SERVER)), false, SERVER);
      for (boolean compact : new boolean[] {false, true}) {
        byte[] bytes = ExecuteCodec.encodeResponse(response, compact);
        assertThat(ExecuteCodec.decodeResponse(bytes)).as("%s", value).isNull();
        assertThat(avatica.parseResponse(bytes)).isInstanceOf(ExecuteResponse.class);
      }
    }
  }

  @Test
  void leavesOtherMessagesToAvatica() throws IOException {
    assertThat(ExecuteCodec.decodeRequest(avatica.serializeRequest(new Service.PrepareRequest("c-1", "select 1", -1)))).isNull();
    assertThat(ExecuteCodec.decodeResponse(avatica.serializeResponse(new Service.ErrorResponse(List.of("trace"), "no such table", 1, "42S02",
        org.apache.calcite.avatica.AvaticaSeverity.ERROR, SERVER)))).isNull();
  }

  @Test
  void aFrameRowThatIsNeitherArrayNorListIsRefused() {
    List<Object> rows = new ArrayList<>();
    rows.add("not a row");
    ExecuteResponse response = new ExecuteResponse(
        List.of(new ResultSetResponse("c-1", 3, true, null, new Meta.Frame(0, true, rows), -1, SERVER)), false, SERVER);
    assertThatThrownBy(() -> ExecuteCodec.encodeResponse(response, true)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("array or a list").hasMessageContaining("java.lang.String");
  }

  @Test
  void bytesThatAreNotProtobufFailAsAvaticaFails() {
    byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x02};
    assertThatThrownBy(() -> ExecuteCodec.decodeRequest(garbage)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> ExecuteCodec.decodeResponse(garbage)).isInstanceOf(IOException.class);
    // A truncated execute: the envelope names it, the message is cut short.
    byte[] whole = ExecuteCodec.encodeRequest(requests().get(0));
    assertThatThrownBy(() -> ExecuteCodec.decodeRequest(Arrays.copyOf(whole, whole.length - 3))).isInstanceOf(IOException.class);
  }

  /** Everything a response says, with byte arrays by content (a frame's equals compares them by identity). */
  private static List<Object> describe(ExecuteResponse response) {
    List<Object> all = new ArrayList<>(Arrays.asList(response.missingStatement, response.rpcMetadata));
    if (response.results == null) {
      return all;
    }
    for (ResultSetResponse r : response.results) {
      all.addAll(Arrays.asList(r.connectionId, r.statementId, r.ownStatement, r.signature, r.updateCount, r.rpcMetadata));
      if (r.firstFrame == null) {
        all.add("no frame");
        continue;
      }
      all.addAll(Arrays.asList(r.firstFrame.offset, r.firstFrame.done));
      for (Object row : r.firstFrame.rows) {
        List<Object> values = new ArrayList<>();
        for (Object v : (Iterable<?>) row) {
          values.add(v instanceof byte[] b ? "bytes" + Arrays.toString(b) : v == null ? "null" : v.getClass().getSimpleName() + ":" + v);
        }
        all.add(values);
      }
    }
    return all;
  }
}
