package dev.asyncdb.stores;

import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.store.StoreContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Typed access to one store alias's options, failing with the option's config path. */
public final class StoreOptions {
  private final StoreContext context;

  public StoreOptions(StoreContext context) {
    this.context = context;
  }

  public StoreContext context() {
    return context;
  }

  public String string(String option, String fallback) {
    Object v = context.options().get(option);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw invalid(option, v, "a non-empty string");
    }
    return s;
  }

  public String required(String option, String hint) {
    String v = string(option, null);
    if (v == null) {
      throw new DbException("STORE_OPTION_MISSING", 500,
          "Store \"" + context.alias() + "\" has no \"" + option + "\" (" + context.where(option) + ").", hint,
          Map.of("store", context.alias(), "option", option));
    }
    return v;
  }

  public long positive(String option, long fallback) {
    Object v = context.options().get(option);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != n.longValue()) {
      throw invalid(option, v, "a positive integer");
    }
    return n.longValue();
  }

  public DbException invalid(String option, Object received, String expected) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("store", context.alias());
    details.put("option", option);
    details.put("received", String.valueOf(received));
    return new DbException("STORE_OPTION_INVALID", 500,
        "Store option " + context.where(option) + " must be " + expected + "; received " + received + ".",
        "Fix " + context.where(option) + " in db.config.json.", details);
  }
}
