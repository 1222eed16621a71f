/**
 * {@code async-db doctor} / {@code check}: the project's own diagnostics plus checks that look
 * across records and resources (duplicate ids, mixed types, likely relations, schema guidance,
 * store bindings), reported as findings with a severity, a code and a hint.
 */
package dev.asyncdb.cli.doctor;
