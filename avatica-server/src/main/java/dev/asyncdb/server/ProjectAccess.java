package dev.asyncdb.server;

import java.util.List;
import java.util.Map;

/**
 * Which served project a request gets, and whether it may write there: the one rule behind both
 * the {@code project} connection property and the REST paths {@code /__db/projects/NAME/...}.
 * Without users every request may use every project. With users, {@link Users#grant} decides; a
 * refusal lists only the projects the user may use, and a name outside the user's grant is refused
 * the same way whether or not this server serves it, so nobody learns of projects they may not use.
 */
public final class ProjectAccess {
  private final List<String> served;
  private final Users users;

  ProjectAccess(List<String> served, Users users) {
    this.served = List.copyOf(served);
    this.users = users;
  }

  /** A project a request may use. */
  public record Choice(String project, boolean readOnly) {}

  /** How a refused request was meant to name its project; decides what the refusal tells it to do. */
  public enum Via { JDBC, REST }

  /** Why a request cannot have the project it asked for (or none). */
  public enum Reason { NOT_GRANTED, UNKNOWN, REQUIRED }

  /** A refused project choice; its message names the user, what was asked for and what they may use instead. */
  public static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Reason reason;
    private final String hint;
    private final transient Map<String, Object> details;

    Refusal(Reason reason, String message, String hint, Map<String, Object> details) {
      super(message);
      this.reason = reason;
      this.hint = hint;
      this.details = details;
    }

    public Reason reason() {
      return reason;
    }

    public String hint() {
      return hint;
    }

    public Map<String, Object> details() {
      return details;
    }
  }

  /** Whether the server serves more than one project (then a request must name one). */
  public boolean several() {
    return served.size() > 1;
  }

  /** The served projects {@code user} (null: no authentication) may use, in the configured order. */
  public List<String> usable(String user) {
    if (users.isEmpty()) {
      return served;
    }
    Grant grant = users.grant(user);
    return grant == null ? List.of() : served.stream().filter(p -> grant.on(p) != null).toList();
  }

  /**
   * The project {@code user} gets when asking for {@code requested} (null: none named, which picks
   * the only project of a single-project server).
   */
  public Choice choose(String user, String requested, Via via) {
    Grant grant = users.isEmpty() ? Grant.ALL : users.grant(user);
    if (grant == null) {
      // Authentication lets only known users through; refuse anyway rather than guess.
      throw refusal(Reason.NOT_GRANTED, user, requested, "No user is known for this request.", via);
    }
    String name = requested;
    if (name == null) {
      if (served.size() > 1) {
        throw refusal(Reason.REQUIRED, user, null, "This server serves several projects and the "
            + (via == Via.JDBC ? "connection" : "request") + " names none.", via);
      }
      name = served.get(0);
    }
    Grant.Mode mode = grant.on(name);
    if (mode == null) {
      // Unasked, the only project's name is not told to a user without a grant for it.
      throw refusal(Reason.NOT_GRANTED, user, requested, "User " + user + " may not use "
          + (requested == null ? "the project this server serves." : "project \"" + name + "\"."), via);
    }
    if (!served.contains(name)) {
      String message = served.size() == 1 && usable(user).size() == 1
          ? "This server serves project \"" + served.get(0) + "\" only; the " + (via == Via.JDBC ? "connection" : "request")
              + " asked for project \"" + name + "\"."
          : "This server serves no project \"" + name + "\".";
      throw refusal(Reason.UNKNOWN, user, name, message, via);
    }
    return new Choice(name, mode == Grant.Mode.READ_ONLY);
  }

  private Refusal refusal(Reason reason, String user, String requested, String problem, Via via) {
    List<String> mine = usable(user);
    String choices = mine.isEmpty()
        ? " " + (user == null ? "No" : "User " + user + " may use no") + " project of this server."
        : " Projects " + (user == null ? "you" : user) + " may use: " + String.join(", ", mine) + ".";
    String hint;
    if (mine.isEmpty()) {
      hint = "Ask the server's operator for a grant (async-db passwd FILE NAME --project PROJECT).";
    } else if (via == Via.JDBC) {
      hint = served.size() == 1 && reason == Reason.UNKNOWN
          ? "Remove the project property or connect to the server that serves \"" + requested + "\"."
          : "Name one with ;project=NAME in the URL (or the project connection property), e.g. ;project=" + mine.get(0) + ".";
    } else {
      hint = "Address one under /__db/projects/NAME/, e.g. /__db/projects/" + mine.get(0) + "/db/<resource>; GET /__db/projects lists them.";
    }
    Map<String, Object> details = new java.util.LinkedHashMap<>();
    if (requested != null) {
      details.put("project", requested);
    }
    if (user != null) {
      details.put("user", user);
    }
    details.put("projects", mine);
    return new Refusal(reason, problem + choices, hint, details);
  }
}
