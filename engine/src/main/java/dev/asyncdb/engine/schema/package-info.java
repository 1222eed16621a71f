/**
 * The schema model of resources — collections and singleton documents, their fields, types,
 * constraints and relations — with the parser for {@code .schema.json(c)} files and data-first
 * inference.
 */
package dev.asyncdb.engine.schema;
