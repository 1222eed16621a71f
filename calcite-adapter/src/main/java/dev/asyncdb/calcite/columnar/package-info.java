/**
 * Aggregates and top-N queries over one collection that read its column vectors in tight loops
 * instead of building a row object per record: planner rules replace Calcite's row-at-a-time
 * operators over a collection scan by one operator that filters, groups, aggregates or ranks the
 * rows of the committed version batch by batch. Each keeps the plan it replaced and runs that
 * instead whenever it cannot answer exactly (a transaction's uncommitted writes to the
 * collection, a filter the scan cannot evaluate).
 */
package dev.asyncdb.calcite.columnar;
