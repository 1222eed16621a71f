package dev.asyncdb.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.IntSupplier;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Read-only users, after authentication: the user of the request being handled is known to the
 * code below ({@link #readOnlyUser()}), so connections they open are read-only (and stay so), the
 * SQL console runs their queries on a read-only connection, GraphQL refuses their mutations, and REST writes are refused with 403.
 */
final class Grants extends HandlerWrapper {
  private static final ThreadLocal<String> READ_ONLY_USER = new ThreadLocal<>();
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private final Users users;
  private final IntSupplier restPort;

  Grants(Users users, IntSupplier restPort) {
    this.users = users;
    this.restPort = restPort;
  }

  /** The read-only user whose request this thread is handling, or null (a user who may write, or no authentication). */
  static String readOnlyUser() {
    return READ_ONLY_USER.get();
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response) throws IOException,
      javax.servlet.ServletException {
    String user = base.getRemoteUser();
    if (!users.isReadOnly(user)) {
      super.handle(target, base, request, response);
      return;
    }
    boolean rest = base.getLocalPort() == restPort.getAsInt();
    // The SQL console and GraphQL are POSTed to for reads too: they refuse a read-only user's writes themselves.
    if (rest && !READS.contains(request.getMethod()) && !target.equals("/__db/sql") && !target.equals("/graphql")) {
      base.setHandled(true);
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/json");
      response.getOutputStream().write(("{\"error\":{\"code\":\"AUTH_READ_ONLY\",\"message\":\"User " + user
          + " may only read; " + request.getMethod() + " " + target + " writes.\",\"hint\":\"Ask the server's operator for a user who may write"
          + " (async-db passwd FILE NAME without --read-only).\",\"details\":{\"user\":\"" + user + "\"}}}").getBytes(StandardCharsets.UTF_8));
      return;
    }
    READ_ONLY_USER.set(user);
    try {
      super.handle(target, base, request, response);
    } finally {
      READ_ONLY_USER.remove();
    }
  }
}
