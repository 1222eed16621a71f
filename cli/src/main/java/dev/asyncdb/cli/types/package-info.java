/**
 * {@code async-db types}: TypeScript declarations of every resource in the original product's
 * format, or Java records with {@code --lang java}.
 */
package dev.asyncdb.cli.types;
