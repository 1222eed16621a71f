package dev.asyncdb.it.crash;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.DbException;
import dev.asyncdb.engine.Transaction;
import dev.asyncdb.engine.WriteOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process of {@link CrashRecoveryTest}: writes until it is killed and prints every write
 * the engine acknowledged. Each writer thread alternates single-row inserts into {@code orders}
 * with transactions (the engine {@code Transaction} that SQL transactions use) that insert into
 * {@code orders} and move the thread's entry in the {@code ledger} document in the same commit, so
 * a half-applied transaction would be visible.
 *
 * <p>Usage: {@code CrashWriter <project> <writers> <run-id>}. Prints {@code ready}, then lines
 * {@code ack <id>} and {@code tx <thread> <seq>}.
 */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    Path project = Path.of(args[0]);
    int writers = Integer.parseInt(args[1]);
    String run = args[2];
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
    AsyncDb db = AsyncDb.open(project);
    AtomicLong seq = new AtomicLong();
    out.println("ready");
    Thread[] threads = new Thread[writers];
    for (int t = 0; t < writers; t++) {
      String thread = run + "-" + t;
      threads[t] = new Thread(() -> {
        long n = 0;
        while (true) {
          n++;
          if (n % 3 == 0) {
            long txSeq = n;
            String id = "t_" + thread + "_" + txSeq;
            // The engine transaction behind SQL's autocommit-off transactions: staged writes, one atomic
            // commit, first committer wins (concurrent writers all move the ledger, so conflicts are retried).
            while (true) {
              Transaction tx = Transaction.begin(db);
              tx.insert("orders", Map.of("id", id, "thread", thread, "seq", txSeq, "total", seq.incrementAndGet()));
              tx.updateDocument("ledger", ledger -> {
                Map<String, Object> next = new LinkedHashMap<>(ledger);
                next.put(thread, txSeq);
                return next;
              }, WriteOptions.NONE);
              try {
                tx.commit();
                break;
              } catch (DbException conflict) {
                if (!conflict.code().equals("DB_WRITE_CONFLICT")) {
                  throw conflict;
                }
              }
            }
            synchronized (out) {
              out.println("tx " + thread + " " + txSeq);
            }
          } else {
            String id = "o_" + thread + "_" + n;
            db.collection("orders").create(Map.of("id", id, "thread", thread, "seq", n, "total", seq.incrementAndGet()));
            synchronized (out) {
              out.println("ack " + id);
            }
          }
        }
      }, "writer-" + t);
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
  }
}
