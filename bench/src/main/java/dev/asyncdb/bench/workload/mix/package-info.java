/**
 * W11's concurrent mixed load: the operation mix and the SQL every target runs, one client per
 * thread on a target (embedded driver, Avatica, REST, PostgreSQL over pgjdbc), the runner that
 * drives 16 of them for a fixed window and the per-operation latencies and errors it collects.
 */
package dev.asyncdb.bench.workload.mix;
