package dev.asyncdb.jdbc;

import java.sql.SQLException;

/**
 * Reached with {@code connection.unwrap(ProjectReloader.class)} on an embedded connection: opens the
 * project again from its files (after fixture edits) and makes that engine the one every connection
 * of this JVM uses — this one at once, the others at their next statement (a transaction still on
 * the old engine gets 40001 at commit), as after DDL. A server uses it for live reload.
 */
public interface ProjectReloader {
  void reloadProject() throws SQLException;

  /**
   * Whether the project's files differ from those its current engine was opened from. A watcher
   * asks before reloading: DDL has already reopened the project on the files it wrote, and a second
   * reopen would close the engine under statements running on it.
   */
  boolean sourcesChanged();
}
