package dev.asyncdb.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.AvaticaJsonHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * The Avatica protocol endpoint: protobuf (what JDBC clients use, {@link ProtobufRequestHandler})
 * at every path except {@value #JSON_PATH}, where Avatica's JSON serialization serves clients
 * without protobuf (curl, scripts). Both share one {@link Service}, so they see the same connections. A request body larger
 * than {@link Limits#maxRequestBytes()}, or of undeclared length, is refused before it is read, with
 * an Avatica error response (SQLState 54000) so that the client's driver shows the reason.
 */
final class AvaticaEndpoint extends AbstractHandler implements AvaticaHandler {
  static final String JSON_PATH = "/json";

  private final ProtobufRequestHandler protobuf;
  private final AvaticaJsonHandler json;
  private final JsonHandler jsonErrors;
  private final long maxRequestBytes;

  AvaticaEndpoint(Service service, long maxRequestBytes) {
    this.protobuf = new ProtobufRequestHandler(service);
    this.json = new AvaticaJsonHandler(service);
    this.jsonErrors = new JsonHandler(service, NoopMetricsSystem.getInstance());
    this.maxRequestBytes = maxRequestBytes;
    addBean(json);
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    boolean isJson = JSON_PATH.equals(target);
    long length = request.getContentLengthLong();
    if ("POST".equals(request.getMethod()) && (length < 0 || length > maxRequestBytes)) {
      AvaticaRuntimeException refusal = new AvaticaRuntimeException(length < 0
          ? "The request does not declare its length (Content-Length); the server accepts only requests of known size."
          : "The request has " + length + " bytes, more than the server's limit of " + maxRequestBytes + " (--max-request-bytes)."
              + " Send large data in several statements or batches.", 0, "54000", AvaticaSeverity.ERROR);
      baseRequest.setHandled(true);
      // The body is never read; the connection must not be reused for a next request.
      response.setHeader("Connection", "close");
      if (isJson) {
        HandlerResponse<String> r = jsonErrors.convertToErrorResponse(refusal);
        response.setContentType("application/json;charset=utf-8");
        response.setStatus(r.getStatusCode());
        response.getOutputStream().write(r.getResponse().getBytes(StandardCharsets.UTF_8));
      } else {
        HandlerResponse<byte[]> r = protobuf.error(refusal);
        response.setContentType("application/octet-stream");
        response.setStatus(r.getStatusCode());
        response.getOutputStream().write(r.getResponse());
      }
      return;
    }
    if (isJson) {
      json.handle(target, baseRequest, request, response);
    } else {
      protobuf.handle(baseRequest, request, response);
    }
  }

  @Override
  public void setServer(Server server) {
    super.setServer(server);
    json.setServer(server);
  }

  @Override
  public void setServerRpcMetadata(RpcMetadataResponse metadata) {
    protobuf.setServerRpcMetadata(metadata);
    json.setServerRpcMetadata(metadata);
    jsonErrors.setRpcMetadata(metadata);
  }
}
