/**
 * What the original calls mock latency, mock errors and request tracing (PRODUCT.md §24), in front
 * of each project's HTTP routes, and the project's {@code /__db/log} feed (§21). {@link
 * dev.asyncdb.server.devtools.DevTools} classifies each request ({@link dev.asyncdb.server.devtools.Route}),
 * delays it and may answer it with a mock error ({@link dev.asyncdb.server.devtools.MockDelay},
 * {@link dev.asyncdb.server.devtools.MockErrors}), and records it ({@link
 * dev.asyncdb.server.devtools.RequestTrace}) as {@link dev.asyncdb.server.devtools.TraceSettings}
 * say. The settings come from the project's {@code db.config.json}, read from the engine serving now
 * ({@link dev.asyncdb.server.devtools.SettingsCache}), so live reload applies an edit.
 * {@link dev.asyncdb.server.devtools.WriteLog} turns the engine's committed writes into log events.
 */
package dev.asyncdb.server.devtools;
