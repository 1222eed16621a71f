/**
 * The Async DB server: remote JDBC over the Avatica protocol (protobuf, and JSON at {@code /json})
 * on Jetty. {@link dev.asyncdb.server.AsyncDbServer} assembles it; {@link
 * dev.asyncdb.server.ProjectMeta} holds the per-connection rules (property allow-list, one project,
 * connection limit) and per-call limits; {@link dev.asyncdb.server.Users} and the login service
 * authenticate; {@link dev.asyncdb.server.WireErrors} keeps SQLStates intact on the wire.
 */
package dev.asyncdb.server;
