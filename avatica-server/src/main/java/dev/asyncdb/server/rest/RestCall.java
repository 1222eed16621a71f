package dev.asyncdb.server.rest;

import java.util.List;
import java.util.Map;

/**
 * One REST request, from HTTP or from a batch item: the method, the path below the route family
 * (such as {@code /users/u_1.json}, still percent-encoded), query parameters, the {@code If-Match}
 * header and the parsed JSON body ({@code {}} when empty).
 */
record RestCall(String method, String path, Map<String, List<String>> query, String ifMatch, Object body, String accept) {
  /** The first value of a query parameter, or null. */
  String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
