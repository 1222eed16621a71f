/**
 * The client side of the Avatica wire as {@code jdbc:asyncdb:remote:} connections use it:
 * {@link dev.asyncdb.jdbc.remote.RemoteServiceFactory} gives each connection a
 * {@link dev.asyncdb.jdbc.remote.CompactProtobufService} (prepared executes without the
 * statement's signature, which the server keeps). Avatica instantiates these classes by name from
 * connection properties, so they are public; they are not API.
 */
package dev.asyncdb.jdbc.remote;
