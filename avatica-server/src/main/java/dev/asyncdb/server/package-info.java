/**
 * The Async DB server: remote JDBC over the Avatica protocol and the HTTP routes. It starts with
 * the rule every remote connection passes first: which connection properties a client may send.
 */
package dev.asyncdb.server;
