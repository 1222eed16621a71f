package dev.asyncdb.engine.schema;

import dev.asyncdb.engine.Diagnostic;
import dev.asyncdb.engine.ResourceKind;
import java.util.List;
import java.util.Map;

/**
 * A schema file after parsing: the declared parts (kind may be absent and then comes from data),
 * the embedded seed if any, and the problems found in the definition.
 */
public record ParsedSchema(
    ResourceKind kind,
    String idField,
    List<String> identityFields,
    String description,
    Map<String, FieldDef> fields,
    boolean hasSeed,
    Object seed,
    boolean appendOnly,
    List<Diagnostic> diagnostics) {}
