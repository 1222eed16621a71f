package dev.asyncdb.server;

import dev.asyncdb.jdbc.remote.ExecuteCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.Service.ExecuteRequest;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.eclipse.jetty.server.Request;

/**
 * Avatica's protobuf requests, answered as Avatica's {@code AvaticaProtobufHandler} answers them,
 * except that an execute — the request of every prepared statement's run — is read and its answer
 * written by {@link ExecuteCodec} instead of Avatica's reflective translation. Every other request,
 * and every error, goes through Avatica's own {@link ProtobufHandler}. The body is read into an
 * array of its declared length (the {@link AvaticaEndpoint} refused requests without one) and the
 * answer is sent with its length, so Jetty writes it out in one go.
 */
final class ProtobufRequestHandler {
  private static final String CONTENT_TYPE = "application/octet-stream;charset=utf-8";

  private final Service service;
  private final ProtobufHandler avatica;

  ProtobufRequestHandler(Service service) {
    this.service = service;
    this.avatica = new ProtobufHandler(service, new ProtobufTranslationImpl(), NoopMetricsSystem.getInstance());
  }

  /** The server's address in Avatica's answers (Avatica's own handler also gives it to the service). */
  void setServerRpcMetadata(RpcMetadataResponse metadata) {
    avatica.setRpcMetadata(metadata);
    service.setRpcMetadata(metadata);
  }

  /** Avatica's error answer for {@code failure}, in protobuf. */
  HandlerResponse<byte[]> error(Exception failure) {
    return avatica.convertToErrorResponse(failure);
  }

  void handle(Request baseRequest, HttpServletRequest request, HttpServletResponse response) throws IOException {
    baseRequest.setHandled(true);
    if (!"POST".equals(request.getMethod())) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.getOutputStream().write("This server expects only POST calls.".getBytes(StandardCharsets.UTF_8));
      return;
    }
    byte[] body = read(request);
    HandlerResponse<byte[]> answer = answer(body);
    byte[] bytes = answer.getResponse();
    response.setContentType(CONTENT_TYPE);
    response.setStatus(answer.getStatusCode());
    response.setContentLength(bytes.length);
    OutputStream out = response.getOutputStream();
    out.write(bytes);
  }

  /** What Avatica would answer to {@code body}: the service's response, or an error response. */
  HandlerResponse<byte[]> answer(byte[] body) {
    try {
      ExecuteRequest execute = ExecuteCodec.decodeRequest(body);
      if (execute == null) {
        return avatica.apply(body);
      }
      // An execute without the statement's signature comes from our driver, which reads frames without Avatica's deprecated copies.
      boolean ours = execute.statementHandle != null && execute.statementHandle.signature == null;
      return new HandlerResponse<>(ExecuteCodec.encodeResponse(service.apply(execute), ours), HttpServletResponse.SC_OK);
    } catch (Exception e) {
      return avatica.convertToErrorResponse(e);
    }
  }

  /** The body, of the length the request declares; a shorter body is the client's failure. */
  private static byte[] read(HttpServletRequest request) throws IOException {
    long length = request.getContentLengthLong();
    try (InputStream in = request.getInputStream()) {
      if (length < 0) {
        return in.readAllBytes();
      }
      byte[] body = in.readNBytes((int) length);
      if (body.length < length) {
        throw new IOException("The request ended after " + body.length + " of the " + length + " bytes it declared.");
      }
      return body;
    }
  }
}
