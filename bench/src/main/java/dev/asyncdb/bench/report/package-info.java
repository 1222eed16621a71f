/**
 * The markdown report: machine and dataset facts, one table per workload with each engine's
 * median and min–max and Async DB's ratio to the best peer, written inside a generated block so
 * hand-written text around it survives.
 */
package dev.asyncdb.bench.report;
