package dev.asyncdb.engine.table;

/** How many values of each JSON type a column has received; drives data-first type inference. */
public final class TypeCounts {
  long nulls;
  long strings;
  long integers;
  long fractions;
  long booleans;
  long objects;
  long arrays;

  void count(Object v) {
    if (v == null) {
      nulls++;
    } else if (v instanceof String || v instanceof dev.asyncdb.engine.json.EpochMillis) {
      strings++;
    } else if (v instanceof Boolean) {
      booleans++;
    } else if (v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal) {
      fractions++;
    } else if (v instanceof Number) {
      integers++;
    } else if (v instanceof java.util.Map) {
      objects++;
    } else {
      arrays++;
    }
  }

  void add(TypeCounts o) {
    nulls += o.nulls;
    strings += o.strings;
    integers += o.integers;
    fractions += o.fractions;
    booleans += o.booleans;
    objects += o.objects;
    arrays += o.arrays;
  }

  public long nulls() {
    return nulls;
  }

  public long strings() {
    return strings;
  }

  public long integers() {
    return integers;
  }

  public long fractions() {
    return fractions;
  }

  public long booleans() {
    return booleans;
  }

  public long objects() {
    return objects;
  }

  public long arrays() {
    return arrays;
  }

  public long numbers() {
    return integers + fractions;
  }

  public long nonNull() {
    return strings + integers + fractions + booleans + objects + arrays;
  }
}
