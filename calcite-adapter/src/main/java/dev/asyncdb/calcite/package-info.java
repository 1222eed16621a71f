/**
 * Apache Calcite adapter: every Async DB resource as a table of one schema. Collections scan their
 * columnar versions directly; key equality is answered from the hash index and simple comparisons
 * are evaluated inside the scan, so only matching rows are built.
 */
package dev.asyncdb.calcite;
