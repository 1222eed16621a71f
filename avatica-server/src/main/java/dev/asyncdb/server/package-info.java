/**
 * The Async DB server: remote JDBC over the Avatica protocol (protobuf, and JSON at {@code /json})
 * on Jetty. {@link dev.asyncdb.server.AsyncDbServer} assembles it; {@link
 * dev.asyncdb.server.ProjectMeta} holds the per-connection rules (property allow-list, the project
 * chosen by {@link dev.asyncdb.server.ProjectAccess}, connection limits) and per-call limits; each
 * served project is a {@link dev.asyncdb.server.HostedProject}; {@link dev.asyncdb.server.Users}
 * (with their {@link dev.asyncdb.server.Grant}s) and the login service authenticate; {@link dev.asyncdb.server.WireErrors} keeps SQLStates intact on the wire.
 */
package dev.asyncdb.server;
