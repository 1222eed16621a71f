/** Validation of records and documents against a resource schema: types, enums, constraints, nesting. */
package dev.asyncdb.engine.validate;
