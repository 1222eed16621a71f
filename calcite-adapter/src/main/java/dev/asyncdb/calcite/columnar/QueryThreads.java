package dev.asyncdb.calcite.columnar;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a columnar operator may hand half of a large input to, one fewer than the
 * processors (none on one processor), shared by every query of the JVM. Work is only offered: a
 * half no thread has taken when the caller is done with its own is taken back and run by the
 * caller ({@link dev.asyncdb.engine.validate.SplitWork}), so a busy server degrades to one thread
 * per query instead of queueing. Idle threads end after a minute; they are daemons.
 */
final class QueryThreads {
  private static final int THREADS = Runtime.getRuntime().availableProcessors() - 1;
  private static volatile ThreadPoolExecutor pool;

  private QueryThreads() {}

  /** Whether there is any thread to hand work to. */
  static boolean available() {
    return THREADS > 0;
  }

  static ThreadPoolExecutor pool() {
    ThreadPoolExecutor p = pool;
    if (p == null) {
      synchronized (QueryThreads.class) {
        p = pool;
        if (p == null) {
          AtomicInteger count = new AtomicInteger();
          p = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "asyncdb-query-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
          p.allowCoreThreadTimeOut(true);
          pool = p;
        }
      }
    }
    return p;
  }
}
