package dev.asyncdb.it.lock;

import dev.asyncdb.engine.AsyncDb;
import java.nio.file.Path;
import java.util.Map;

/** Child process of {@link ProjectLockTest}: opens a project for writing, writes once, advertises an address and waits. */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    AsyncDb db = AsyncDb.open(Path.of(args[0]));
    db.collection("notes").create(Map.of("id", "from-holder", "text", "written by the owner"));
    if (args.length > 1) {
      db.advertise(args[1]);
    }
    System.out.println("ready " + ProcessHandle.current().pid());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
