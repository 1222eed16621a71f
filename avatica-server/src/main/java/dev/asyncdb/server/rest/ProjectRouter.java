package dev.asyncdb.server.rest;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.server.ProjectAccess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * The REST port's front door with one or more projects. Every project answers below
 * {@value #PREFIX}{@code /<name>}, exactly as a single-project server answers at its root
 * ({@code /__db/projects/app/db/users}, {@code /__db/projects/app/__db} for its viewer); the
 * root routes ({@code /db/...}, {@code /__db}, ...) stay those of the only project, and with
 * several they ask the client to choose. {@code GET} {@value #PREFIX} lists the projects the user
 * may use. The prefix sits under {@code /__db}, which no resource can be named, so it never hides a
 * resource's root route (a collection may well be called {@code projects}).
 *
 * <p>{@link ProjectAccess} decides: a project outside the user's grant is 403
 * {@code AUTH_PROJECT_NOT_GRANTED} (whether or not it exists), one not served 404
 * {@code SERVER_PROJECT_UNKNOWN}, none named with several 400 {@code SERVER_PROJECT_REQUIRED}; a
 * read-only user's writes are 403 {@code AUTH_READ_ONLY}. All in the REST error envelope.
 */
public final class ProjectRouter extends AbstractHandler {
  public static final String PREFIX = "/__db/projects";
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  /** The SQL console takes POSTs from read-only users too; it runs their statements read-only. */
  private static final String SQL_CONSOLE = "/__db/sql";
  private static final String GRAPHQL = "/graphql";

  private final Map<String, Handler> routes;
  private final ProjectAccess access;

  /** {@code routes}: each project's viewer and REST routes by project name. */
  public ProjectRouter(Map<String, Handler> routes, ProjectAccess access) {
    this.routes = Map.copyOf(routes);
    this.access = access;
    routes.values().forEach(this::addBean);
  }

  @Override
  public void setServer(org.eclipse.jetty.server.Server server) {
    super.setServer(server);
    routes.values().forEach(h -> h.setServer(server));
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String raw = request.getRequestURI();
    String method = request.getMethod();
    String user = baseRequest.getRemoteUser();
    String project = null;
    String base = "";
    String path = raw;
    if (raw.equals(PREFIX) || raw.equals(PREFIX + "/") || raw.equals("/") && access.several()) {
      answer(baseRequest, response, method, listing(user, method, raw));
      return;
    }
    if (raw.startsWith(PREFIX + "/")) {
      String after = raw.substring(PREFIX.length() + 1);
      int slash = after.indexOf('/');
      String segment = slash < 0 ? after : after.substring(0, slash);
      project = ResourceRoutes.decode(segment);
      base = PREFIX + "/" + segment;
      path = slash < 0 ? "/" : after.substring(slash);
    }
    ProjectAccess.Choice choice;
    try {
      choice = access.choose(user, project, ProjectAccess.Via.REST);
    } catch (ProjectAccess.Refusal r) {
      answer(baseRequest, response, method, ErrorEnvelope.of(refusal(r)));
      return;
    }
    // The SQL console and GraphQL are POSTed to for reads too: they refuse a read-only user's writes themselves.
    if (choice.readOnly() && !READS.contains(method) && !path.equals(SQL_CONSOLE) && !path.equals(GRAPHQL)) {
      answer(baseRequest, response, method, ErrorEnvelope.of(new DbException("AUTH_READ_ONLY", 403, "User " + user + " may only read project "
          + choice.project() + "; " + method + " " + raw + " writes.",
          "Ask the server's operator for a grant to write (async-db passwd FILE NAME --project " + choice.project() + ":write).",
          Map.of("user", String.valueOf(user), "project", choice.project()))));
      return;
    }
    String routed = path;
    HttpServletRequest below = base.isEmpty() ? request : new HttpServletRequestWrapper(request) {
      @Override
      public String getRequestURI() {
        return routed;
      }
    };
    ProjectRequest.set(below, base, choice.readOnly());
    routes.get(choice.project()).handle(path, baseRequest, below, response);
  }

  private static DbException refusal(ProjectAccess.Refusal r) {
    return switch (r.reason()) {
      case NOT_GRANTED -> new DbException("AUTH_PROJECT_NOT_GRANTED", 403, r.getMessage(), r.hint(), r.details());
      case UNKNOWN -> new DbException("SERVER_PROJECT_UNKNOWN", 404, r.getMessage(), r.hint(), r.details());
      case REQUIRED -> new DbException("SERVER_PROJECT_REQUIRED", 400, r.getMessage(), r.hint(), r.details());
    };
  }

  /** {@code GET /__db/projects} (and {@code GET /} with several projects): the projects the user may use, with their routes. */
  private RestReply listing(String user, String method, String raw) {
    if (!READS.contains(method)) {
      return ErrorEnvelope.of(new DbException("REST_METHOD_NOT_ALLOWED", 405, method + " is not allowed on " + raw + ".",
          "GET " + PREFIX + " lists the projects; a project's routes are below " + PREFIX + "/NAME/.", Map.of("method", method, "path", raw,
              "allow", "GET")));
    }
    List<Object> projects = new ArrayList<>();
    for (String name : access.usable(user)) {
      String root = PREFIX + "/" + name;
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("name", name);
      p.put("readOnly", access.choose(user, name, ProjectAccess.Via.REST).readOnly());
      p.put("root", root + "/");
      p.put("rest", root + RestHandler.DATA_PATH);
      p.put("viewer", root + RootDiscovery.VIEWER);
      projects.add(p);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("projects", projects);
    return RestReply.json(200, body);
  }

  private static void answer(Request baseRequest, HttpServletResponse response, String method, RestReply reply) throws IOException {
    baseRequest.setHandled(true);
    RestHandler.write(reply, "HEAD".equals(method), response);
  }
}
