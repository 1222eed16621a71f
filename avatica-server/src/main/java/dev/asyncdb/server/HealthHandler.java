package dev.asyncdb.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * {@code GET /health} answers {@code {"status":"ok"}} without authentication, for load balancers
 * and container probes; it tells nothing about the project. Everything else goes on.
 */
final class HealthHandler extends HandlerWrapper {
  static final String PATH = "/health";

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (PATH.equals(target) && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
      baseRequest.setHandled(true);
      response.setStatus(HttpServletResponse.SC_OK);
      response.setContentType("application/json");
      response.getOutputStream().write("{\"status\":\"ok\"}\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    super.handle(target, baseRequest, request, response);
  }
}
