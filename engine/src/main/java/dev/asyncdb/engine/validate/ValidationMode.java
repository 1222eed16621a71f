package dev.asyncdb.engine.validate;

/** Which checks apply: {@code PATCH} skips required fields (partial input); the others check everything. */
public enum ValidationMode { CREATE, REPLACE, PATCH }
