/**
 * The benchmark harness entry point: it generates the datasets, runs the workloads on Async DB
 * and its peers, checks every result against SQLite and writes the markdown report.
 */
package dev.asyncdb.bench;
