package dev.asyncdb.server;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.ProtobufMeta;

/**
 * Avatica's service over the meta, with prepared executes that may leave the statement's signature
 * out. Avatica's client sends the whole signature (every column's metadata) with each execute and
 * gets it back in each response; for a point lookup that is most of both messages and a tenth of
 * the CPU on either side. {@code jdbc:asyncdb:remote:} clients send none: the signature the
 * statement was prepared with ({@link ConnectionRegistry#prepared}) runs it, and the response
 * leaves it out too, since that client holds it already. A request with a signature — any stock
 * Avatica client — is served exactly as Avatica does.
 */
final class CompactLocalService extends LocalService {
  private final ConnectionRegistry connections;

  CompactLocalService(ProtobufMeta meta, ConnectionRegistry connections) {
    super(meta);
    this.connections = connections;
  }

  @Override
  public ExecuteResponse apply(ExecuteRequest request) {
    StatementHandle h = request.statementHandle;
    if (h == null || h.signature != null) {
      return super.apply(request);
    }
    // Null when not prepared here: then as in Avatica (an update count needs none).
    h.signature = connections.prepared(h.connectionId, h.id);
    ExecuteResponse response = super.apply(request);
    if (response.results == null) {
      return response;
    }
    List<ResultSetResponse> results = new ArrayList<>(response.results.size());
    for (ResultSetResponse r : response.results) {
      results.add(r.signature == null ? r
          : new ResultSetResponse(r.connectionId, r.statementId, r.ownStatement, null, r.firstFrame, r.updateCount, r.rpcMetadata));
    }
    return new ExecuteResponse(results, response.missingStatement, response.rpcMetadata);
  }
}
