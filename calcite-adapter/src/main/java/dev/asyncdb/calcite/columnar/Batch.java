package dev.asyncdb.calcite.columnar;

/**
 * The physical rows one step of a columnar operator works on: up to {@link #SIZE} rows that
 * passed the scan's conditions, in scan order. Values computed for a batch are tagged with its
 * {@link #id} so that an expression used twice is computed once.
 */
final class Batch {
  static final int SIZE = 1024;

  final int[] rows = new int[SIZE];
  int size;
  int id;
}
