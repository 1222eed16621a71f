package dev.asyncdb.server.rest;

import javax.servlet.http.HttpServletRequest;

/**
 * What {@link ProjectRouter} tells the routes of one project about the request it hands them: the
 * path prefix the project was addressed under ({@code ""} at the root, {@code /__db/projects/app}
 * below it), for the links and {@code Location}s they answer, and whether the user may only read
 * this project (the SQL console then runs statements read-only).
 */
public final class ProjectRequest {
  private static final String BASE = ProjectRequest.class.getName() + ".base";
  private static final String READ_ONLY = ProjectRequest.class.getName() + ".readOnly";

  private ProjectRequest() {}

  static void set(HttpServletRequest request, String base, boolean readOnly) {
    request.setAttribute(BASE, base);
    request.setAttribute(READ_ONLY, readOnly);
  }

  /** The prefix to put before a path of the project's routes; {@code ""} when not routed (or at the root). */
  public static String base(HttpServletRequest request) {
    return request.getAttribute(BASE) instanceof String s ? s : "";
  }

  /** Whether the request's user may only read the project. */
  public static boolean readOnly(HttpServletRequest request) {
    return Boolean.TRUE.equals(request.getAttribute(READ_ONLY));
  }
}
