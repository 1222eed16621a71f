package dev.asyncdb.server;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * After authentication: makes the user of the request being handled known to the code below it on
 * the same thread ({@link #current()}), so that Avatica's {@link ProjectMeta}, which sees only the
 * protocol request, can apply the user's grants and connection limit when a connection is opened.
 */
final class RequestUser extends HandlerWrapper {
  private static final ThreadLocal<String> USER = new ThreadLocal<>();

  /** The authenticated user whose request this thread is handling, or null (no authentication). */
  static String current() {
    return USER.get();
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
    USER.set(base.getRemoteUser());
    try {
      super.handle(target, base, request, response);
    } finally {
      USER.remove();
    }
  }
}
