/**
 * The data viewer at {@code /__db} on the REST port: a static page (HTML and vanilla JavaScript,
 * no build step) that uses the REST routes, plus the JSON endpoints only it needs — the schema
 * with diagnostics, sorted pages of a collection ({@link dev.asyncdb.server.viewer.CollectionPage}),
 * and a SQL console that runs statements through the embedded JDBC driver.
 */
package dev.asyncdb.server.viewer;
