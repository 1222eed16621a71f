/**
 * The workloads W1–W11 of the benchmark issue: what each runs on an engine, how it warms up, how
 * long it may take, and the figures (median and min–max over runs) it records.
 */
package dev.asyncdb.bench.workload;
