/**
 * Aggregates and top-N queries over one collection, and aggregates over inner equi-joins of
 * collections, that read column vectors in tight loops instead of building a row object per
 * record: planner rules (and, for joins, a program run on the finished plan) replace Calcite's
 * row-at-a-time operators over collection scans by one operator that filters, joins, groups,
 * aggregates or ranks the rows of the committed versions batch by batch. Each keeps the plan it
 * replaced and runs that instead whenever it cannot answer exactly (a transaction's uncommitted
 * writes to a collection, a filter a scan cannot evaluate).
 */
package dev.asyncdb.calcite.columnar;
