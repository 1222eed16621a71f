package dev.asyncdb.jdbc.remote;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.Meta.Signature;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.RemoteProtobufService;

/**
 * Avatica's protobuf service, except that a prepared execute leaves the statement's signature out.
 * Avatica's client sends the whole signature (every column's metadata) in each execute request and
 * the server sends it back in each response: for a point lookup that is most of both messages and
 * a tenth of the client's and the server's CPU. An Async DB server keeps the signature of each
 * statement it prepared and, when a request comes without one, uses its own and answers without
 * it; the signature this connection already holds goes into the response here, so Avatica's
 * result set sees what it always sees. Executes are written and read by {@link ExecuteCodec}
 * instead of Avatica's reflective translation; every other request is unchanged. Requests go
 * through the connection's {@link KeepAliveHttpClient}.
 */
public final class CompactProtobufService extends RemoteProtobufService implements AutoCloseable {
  private final AvaticaHttpClient client;
  private final ProtobufTranslation translation;

  public CompactProtobufService(AvaticaHttpClient client) {
    this(client, new ProtobufTranslationImpl());
  }

  private CompactProtobufService(AvaticaHttpClient client, ProtobufTranslation translation) {
    super(client, translation);
    this.client = client;
    this.translation = translation;
  }

  /** An execute through {@link ExecuteCodec}; its answer, unless it is another message (an error), too. */
  @Override
  public Response _apply(Request request) {
    if (!(request instanceof ExecuteRequest execute)) {
      return super._apply(request);
    }
    byte[] answer = client.send(ExecuteCodec.encodeRequest(execute));
    Response response;
    try {
      response = ExecuteCodec.decodeResponse(answer);
      if (response == null) {
        response = translation.parseResponse(answer);
      }
    } catch (IOException e) {
      // As Avatica's own service: not a protobuf message it could read.
      throw new RuntimeException(e);
    }
    if (response instanceof ErrorResponse error) {
      throw error.toException();
    }
    return response;
  }

  /** Closes the HTTP client's kept-open connections, if it keeps any (with the JDBC connection). */
  @Override
  public void close() {
    if (client instanceof KeepAliveHttpClient keepAlive) {
      keepAlive.close();
    }
  }

  @Override
  public ExecuteResponse apply(ExecuteRequest request) {
    StatementHandle h = request.statementHandle;
    Signature signature = h == null ? null : h.signature;
    if (signature == null) {
      return super.apply(request);
    }
    ExecuteResponse response = super.apply(new ExecuteRequest(new StatementHandle(h.connectionId, h.id, null),
        request.parameterValues, request.maxRowCount));
    if (response.results == null) {
      return response;
    }
    List<ResultSetResponse> results = new ArrayList<>(response.results.size());
    for (ResultSetResponse r : response.results) {
      results.add(r.signature != null || r.updateCount != -1 ? r
          : new ResultSetResponse(r.connectionId, r.statementId, r.ownStatement, signature, r.firstFrame, r.updateCount, r.rpcMetadata));
    }
    return new ExecuteResponse(results, response.missingStatement, response.rpcMetadata);
  }
}
