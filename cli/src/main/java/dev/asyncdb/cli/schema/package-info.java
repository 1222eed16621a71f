/**
 * {@code async-db schema} and its subcommands: the generated schema, inference, validation, the
 * schema manifest for form builders, and moving seeds between schema files and data files.
 */
package dev.asyncdb.cli.schema;
