package dev.asyncdb.calcite;

/** A condition evaluated on a physical row inside a scan. */
@FunctionalInterface
interface RowPredicate {
  boolean test(int row);
}
