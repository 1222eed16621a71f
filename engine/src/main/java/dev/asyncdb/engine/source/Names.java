package dev.asyncdb.engine.source;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Resource, type, route and CSV-header naming rules of the original product. */
public final class Names {
  private static final Pattern LOWER_CAMEL = Pattern.compile("[a-z][A-Za-z0-9]*");
  private static final Pattern UPPER_IDENT = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern NON_ALNUM = Pattern.compile("[^A-Za-z0-9]+");

  private Names() {}

  /**
   * camelCase of a name: lowerCamel identifiers are kept, identifiers starting uppercase get a
   * lowercase first letter, anything else is split into alphanumeric words joined camelCase
   * ({@code Customer ID} to {@code customerId}, {@code audit-events} to {@code auditEvents}).
   */
  public static String camelCase(String raw) {
    String s = raw.trim();
    if (LOWER_CAMEL.matcher(s).matches()) {
      return s;
    }
    if (UPPER_IDENT.matcher(s).matches()) {
      return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
    StringBuilder sb = new StringBuilder();
    for (String word : NON_ALNUM.split(s)) {
      if (word.isEmpty()) {
        continue;
      }
      if (sb.length() == 0) {
        sb.append(LOWER_CAMEL.matcher(word).matches() ? word : word.toLowerCase(Locale.ROOT));
      } else {
        String lower = word.equals(word.toUpperCase(Locale.ROOT)) ? word.toLowerCase(Locale.ROOT) : word;
        sb.append(Character.toUpperCase(lower.charAt(0))).append(lower.substring(1));
      }
    }
    return sb.toString();
  }

  /** kebab-case: {@code auditEvents} to {@code audit-events}. */
  public static String kebabCase(String name) {
    StringBuilder sb = new StringBuilder();
    String s = name.trim();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isUpperCase(c)) {
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '-') {
          sb.append('-');
        }
        sb.append(Character.toLowerCase(c));
      } else if (Character.isLetterOrDigit(c)) {
        sb.append(c);
      } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '-') {
        sb.append('-');
      }
    }
    int end = sb.length();
    while (end > 0 && sb.charAt(end - 1) == '-') {
      end--;
    }
    return sb.substring(0, end);
  }

  /** PascalCase: {@code auditEvents} to {@code AuditEvents}. */
  public static String pascalCase(String name) {
    String camel = camelCase(name);
    return camel.isEmpty() ? camel : Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
  }

  /** Singular form with the original's rules (people, children, settings, -ies, -ses/-xes/-ches/-shes, -s). */
  public static String singular(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (lower.endsWith("people")) {
      return word.substring(0, word.length() - 6) + keepCase(word, word.length() - 6, "person");
    }
    if (lower.endsWith("children")) {
      return word.substring(0, word.length() - 8) + keepCase(word, word.length() - 8, "child");
    }
    if (lower.endsWith("settings")) {
      return word;
    }
    if (lower.endsWith("ies") && word.length() > 3) {
      return word.substring(0, word.length() - 3) + "y";
    }
    if (lower.endsWith("ses") || lower.endsWith("xes") || lower.endsWith("ches") || lower.endsWith("shes")) {
      return word.substring(0, word.length() - 2);
    }
    if (lower.endsWith("s") && !lower.endsWith("ss") && word.length() > 1) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }

  private static String keepCase(String word, int at, String replacement) {
    return Character.isUpperCase(word.charAt(at))
        ? Character.toUpperCase(replacement.charAt(0)) + replacement.substring(1) : replacement;
  }

  /** Type name: collections PascalCase(singular(name)), documents PascalCase(name). */
  public static String typeName(String resource, boolean collection) {
    return pascalCase(collection ? singular(resource) : resource);
  }

  public static String routePath(String resource) {
    return "/" + kebabCase(resource);
  }

  /** Names a lookup may use for a resource: exact, camelCase, kebab-case. */
  public static Set<String> aliases(String name) {
    Set<String> out = new LinkedHashSet<>();
    out.add(name);
    out.add(camelCase(name));
    out.add(kebabCase(name));
    return out;
  }

  /** Field names for CSV headers: camelCased, {@code column<N>} when empty, {@code _} before a digit, duplicates numbered. */
  public static List<String> csvFieldNames(List<String> headers) {
    List<String> out = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (int i = 0; i < headers.size(); i++) {
      String name = camelCase(headers.get(i));
      if (name.isEmpty()) {
        name = "column" + (i + 1);
      }
      if (Character.isDigit(name.charAt(0))) {
        name = "_" + name;
      }
      String candidate = name;
      for (int n = 2; used.contains(candidate); n++) {
        candidate = name + n;
      }
      used.add(candidate);
      out.add(candidate);
    }
    return out;
  }

  /** True when a resource name is safe to use in file names (no path separators or dot segments). */
  public static boolean isSafeResourceName(String name) {
    return name != null && !name.isEmpty() && name.matches("[A-Za-z0-9_][A-Za-z0-9_-]*");
  }
}
