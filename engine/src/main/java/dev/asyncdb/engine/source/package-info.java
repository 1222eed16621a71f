/**
 * Reading a project's {@code db/} folder: discovering source files, naming resources, and parsing
 * JSON, JSONC, JSON Lines and CSV data plus schema files — streaming, with file/line/column
 * diagnostics for anything malformed.
 */
package dev.asyncdb.engine.source;
