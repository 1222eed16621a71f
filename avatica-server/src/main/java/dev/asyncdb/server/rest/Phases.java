package dev.asyncdb.server.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;

/**
 * Where a traced request's time went, in named steps ({@code delay}, {@code read}, {@code run},
 * {@code write}): each {@link #mark} closes the step that began at the previous one. A request that
 * is not traced carries none, and marking it costs nothing.
 */
public final class Phases {
  private static final String ATTRIBUTE = Phases.class.getName();
  private static final Phases NONE = new Phases(0);

  private final Map<String, Long> nanos = new LinkedHashMap<>();
  private long last;

  private Phases(long start) {
    this.last = start;
  }

  /** Starts timing {@code request}'s steps now. */
  public static Phases start(HttpServletRequest request) {
    Phases p = new Phases(System.nanoTime());
    request.setAttribute(ATTRIBUTE, p);
    return p;
  }

  /** The request's steps, or a no-op when it is not traced. */
  public static Phases of(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof Phases p ? p : NONE;
  }

  /** Ends step {@code name} (time since the previous mark; a repeated name adds up). */
  public void mark(String name) {
    if (this == NONE) {
      return;
    }
    long now = System.nanoTime();
    nanos.merge(name, now - last, Long::sum);
    last = now;
  }

  /** Whether a step other than {@code except} was marked. */
  public boolean markedBesides(String except) {
    return nanos.keySet().stream().anyMatch(k -> !k.equals(except));
  }

  /** The steps in milliseconds (three decimals), in the order they first ended. */
  public Map<String, Double> millis() {
    Map<String, Double> out = new LinkedHashMap<>();
    nanos.forEach((k, v) -> out.put(k, Math.round(v / 1_000.0) / 1_000.0));
    return out;
  }
}
