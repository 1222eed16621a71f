package dev.asyncdb.stores;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.Transaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child process of the crash tests in {@link CrossStoreCommitContract}: opens the project, commits
 * one transaction writing the json collection {@code notes} and the mapped table {@code orders},
 * and stays alive until it is killed.
 *
 * <p>Usage: {@code CrossStoreWriter <project> <signal-file>}. Started with
 * {@code -Dasyncdb.test.pauseBeforeDecision=<signal-file>}, the engine creates the file and waits
 * once the log record is durable and before the SQL database commits; without it, this program
 * creates the file once the commit returned.
 */
public final class CrossStoreWriter {
  private CrossStoreWriter() {}

  /** The transaction every test commits: one note and one order, in one engine write. */
  static void order(AsyncDb db, String id, long qty) {
    Transaction tx = Transaction.begin(db);
    tx.insert("notes", Map.of("id", "n_" + id, "text", "about order " + id));
    tx.insert("orders", Map.of("id", "o_" + id, "item", "book", "qty", qty));
    tx.commit();
  }

  public static void main(String[] args) throws Exception {
    AsyncDb db = AsyncDb.open(Path.of(args[0]));
    order(db, "crash", 1);
    Files.writeString(Path.of(args[1]), "committed\n");
    Thread.sleep(Long.MAX_VALUE);
  }
}
