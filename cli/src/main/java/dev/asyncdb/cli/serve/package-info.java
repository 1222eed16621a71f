/**
 * {@code async-db serve}, the project as an Avatica server for remote JDBC clients, and
 * {@code async-db passwd}, which writes the users file the server authenticates against.
 */
package dev.asyncdb.cli.serve;
