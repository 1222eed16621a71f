package dev.asyncdb.server.rest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: a status, headers (ETag, Location, Allow) and a JSON value ({@code null}
 * with 204), plus the format and resource it is rendered for.
 */
record RestReply(int status, Map<String, String> headers, Object body, String format, String resource) {
  static RestReply json(int status, Object body) {
    return new RestReply(status, new LinkedHashMap<>(), body, Formats.JSON, null);
  }

  RestReply header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  RestReply as(String fmt, String resourceName) {
    return new RestReply(status, headers, body, fmt, resourceName);
  }
}
