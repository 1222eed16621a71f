package dev.asyncdb.stores;

/** {@link CrossStoreCommitContract} with the orders in a real SQLite file. */
class SqliteCrossStoreCommitTest extends CrossStoreCommitContract {
  @Override
  OrdersDatabase database() throws Exception {
    return OrdersDatabase.sqlite(project);
  }
}
