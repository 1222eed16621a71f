package dev.asyncdb.server.graphql;

import dev.asyncdb.engine.DbException;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.InvalidSyntaxError;
import graphql.SerializationError;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GraphQL error shape (PRODUCT.md §20): {@code {data: null, errors: [{message, locations?,
 * path?, extensions: {code, hint, details}}]}} — one error, the first, because it aborted the
 * operation. graphql-java's own errors (syntax, validation, variable coercion, serialization) get
 * the product's codes here; the field or argument they concern is looked up in the document.
 */
final class GraphQlErrors {
  private static final String SCHEMA_HINT = "GET /graphql shows the schema: every type, root field and argument.";

  private GraphQlErrors() {}

  static Map<String, Object> extensions(DbException e) {
    Map<String, Object> ext = new LinkedHashMap<>();
    ext.put("code", e.code());
    ext.put("hint", e.hint());
    ext.put("details", e.details());
    return ext;
  }

  /** The answer of an operation that failed before or outside graphql-java's execution. */
  static Map<String, Object> result(DbException e) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", e.getMessage());
    error.put("extensions", extensions(e));
    return result(error);
  }

  /** The answer of an operation that graphql-java reported errors for; the first one stands for the operation. */
  static Map<String, Object> result(GraphQLError first, Document document, OperationDefinition operation, GraphQLSchema schema) {
    DbException e = classify(first, document, operation, schema);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", e.getMessage());
    if (first.getLocations() != null && !first.getLocations().isEmpty()) {
      List<Object> locations = new ArrayList<>();
      for (SourceLocation l : first.getLocations()) {
        locations.add(Map.of("line", l.getLine(), "column", l.getColumn()));
      }
      error.put("locations", locations);
    }
    if (first.getPath() != null && !first.getPath().isEmpty()) {
      error.put("path", first.getPath());
    }
    error.put("extensions", extensions(e));
    return result(error);
  }

  private static Map<String, Object> result(Map<String, Object> error) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", null);
    out.put("errors", List.of(error));
    return out;
  }

  static DbException syntax(InvalidSyntaxError error) {
    Map<String, Object> details = new LinkedHashMap<>();
    SourceLocation at = error.getLocations() == null || error.getLocations().isEmpty() ? null : error.getLocations().get(0);
    if (at != null) {
      details.put("line", at.getLine());
      details.put("column", at.getColumn());
    }
    if (error.getOffendingToken() != null) {
      details.put("offendingToken", error.getOffendingToken());
    }
    return new DbException("GRAPHQL_PARSE_ERROR", 400, "The query is not valid GraphQL: " + error.getMessage(),
        "Fix the query " + (at == null ? "" : "near line " + at.getLine() + ", column " + at.getColumn() + " ")
            + "(a brace or quote left open?). A query looks like { users { id name } }.", details);
  }

  private static DbException classify(GraphQLError error, Document document, OperationDefinition operation, GraphQLSchema schema) {
    Map<String, Object> ext = error.getExtensions();
    if (ext != null && ext.get("code") instanceof String code) {
      @SuppressWarnings("unchecked")
      Map<String, Object> details = ext.get("details") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
      return new DbException(code, 400, error.getMessage(), (String) ext.get("hint"), details);
    }
    if (error instanceof ValidationError v) {
      return validation(v, document, operation, schema);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    if (error.getPath() != null) {
      details.put("path", error.getPath());
    }
    if (error instanceof NonNullableValueCoercedAsNullException) {
      return new DbException("GRAPHQL_MISSING_VARIABLE", 400, error.getMessage(),
          "Give the variable a value in the request's \"variables\" object, e.g. {\"query\": \"...\", \"variables\": {\"id\": \"u_1\"}}.", details);
    }
    if (error instanceof NonNullableFieldWasNullError) {
      return new DbException("GRAPHQL_REQUIRED_FIELD_NULL", 400, error.getMessage(), "A stored value is missing for a field the schema requires:"
          + " fix the data (REST PATCH or SQL UPDATE), or stop selecting the field.", details);
    }
    if (error instanceof SerializationError) {
      return new DbException("GRAPHQL_VALUE_NOT_SERIALIZABLE", 400, error.getMessage(), "A stored value does not match its field's GraphQL type:"
          + " fix the data or the field's type in the schema.", details);
    }
    if (error.getErrorType() == ErrorType.ValidationError) {
      return new DbException("GRAPHQL_INVALID_ARGUMENT_TYPE", 400, error.getMessage(), "Give each variable a value of its declared type. "
          + SCHEMA_HINT, details);
    }
    return new DbException("GRAPHQL_EXECUTION_FAILED", 400, error.getMessage(), SCHEMA_HINT, details);
  }

  private static DbException validation(ValidationError v, Document document, OperationDefinition operation, GraphQLSchema schema) {
    Map<String, Object> details = new LinkedHashMap<>();
    Object type = v.getValidationErrorType();
    details.put("validation", String.valueOf(type));
    Field field = v.getLocations() == null || v.getLocations().isEmpty() ? null : fieldAt(document, v.getLocations().get(0));
    if (field != null) {
      details.put("field", field.getName());
    }
    String message = v.getDescription() != null ? v.getDescription() : v.getMessage();
    boolean root = field != null && operation.getSelectionSet().getSelections().contains(field);
    if (type == ValidationErrorType.FieldUndefined && root && operation.getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
      boolean isQuery = operation.getOperation() == OperationDefinition.Operation.QUERY;
      GraphQLObjectType parent = isQuery ? schema.getQueryType() : schema.getMutationType();
      List<String> available = parent == null ? List.of() : parent.getFieldDefinitions().stream().map(GraphQLFieldDefinition::getName).toList();
      details.put("available", available);
      return new DbException(isQuery ? "GRAPHQL_UNKNOWN_QUERY_FIELD" : "GRAPHQL_UNKNOWN_MUTATION_FIELD", 400, message,
          available.isEmpty() ? "This project has no " + (isQuery ? "resources" : "mutations") + "." : "Use one of: " + String.join(", ", available) + ".",
          details);
    }
    if (type == ValidationErrorType.FieldUndefined) {
      return new DbException("GRAPHQL_UNKNOWN_FIELD", 400, message, SCHEMA_HINT, details);
    }
    if (type == ValidationErrorType.MissingFieldArgument) {
      List<String> missing = field == null ? List.of() : missingArguments(field, schema);
      details.put("missing", missing);
      if (missing.contains("id") || missing.contains("key")) {
        String arg = missing.contains("id") ? "id" : "key";
        return new DbException("GRAPHQL_MISSING_ID_ARGUMENT", 400, message, "Say which record: " + details.get("field") + "(" + arg + ": "
            + ("id".equals(arg) ? "\"u_1\"" : "{...}") + ").", details);
      }
      return new DbException("GRAPHQL_MISSING_ARGUMENT", 400, message, "Pass every required argument. " + SCHEMA_HINT, details);
    }
    String code = switch (type instanceof ValidationErrorType t ? t : ValidationErrorType.InvalidSyntax) {
      case UndefinedFragment -> "GRAPHQL_UNKNOWN_FRAGMENT";
      case UnknownDirective, MisplacedDirective -> "GRAPHQL_UNSUPPORTED_DIRECTIVE";
      case UnknownArgument -> "GRAPHQL_UNKNOWN_ARGUMENT";
      case WrongType, VariableTypeMismatch, NullValueForNonNullArgument -> "GRAPHQL_INVALID_ARGUMENT_TYPE";
      case UndefinedVariable -> "GRAPHQL_MISSING_VARIABLE";
      case SubselectionRequired, SubselectionNotAllowed -> "GRAPHQL_INVALID_SELECTION";
      case UnknownOperation -> "GRAPHQL_SUBSCRIPTION_UNSUPPORTED";
      default -> "GRAPHQL_VALIDATION_FAILED";
    };
    String hint = switch (code) {
      case "GRAPHQL_UNKNOWN_FRAGMENT" -> "Define the fragment in the same document: fragment Name on Type { ... }.";
      case "GRAPHQL_UNSUPPORTED_DIRECTIVE" -> "Use @include(if: ...) or @skip(if: ...) on fields and fragments.";
      case "GRAPHQL_MISSING_VARIABLE" -> "Declare the variable on the operation, e.g. query ($id: ID!) { user(id: $id) { name } }.";
      case "GRAPHQL_INVALID_SELECTION" -> "Select fields of object types ({ users { id } }), and none of scalars and JSON.";
      case "GRAPHQL_SUBSCRIPTION_UNSUPPORTED" -> "Subscriptions are not served; follow changes with GET /__db/events.";
      default -> SCHEMA_HINT;
    };
    return new DbException(code, 400, message, hint, details);
  }

  private static List<String> missingArguments(Field field, GraphQLSchema schema) {
    List<String> missing = new ArrayList<>();
    for (GraphQLObjectType root : new GraphQLObjectType[] {schema.getQueryType(), schema.getMutationType()}) {
      GraphQLFieldDefinition def = root == null ? null : root.getFieldDefinition(field.getName());
      if (def != null) {
        for (GraphQLArgument a : def.getArguments()) {
          if (a.getType() instanceof GraphQLNonNull && field.getArguments().stream().noneMatch(given -> given.getName().equals(a.getName()))) {
            missing.add(a.getName());
          }
        }
        break;
      }
    }
    return missing;
  }

  /** The field written at a location of the document, or null. */
  private static Field fieldAt(Document document, SourceLocation at) {
    for (Definition<?> d : document.getDefinitions()) {
      SelectionSet set = d instanceof OperationDefinition o ? o.getSelectionSet() : d instanceof FragmentDefinition f ? f.getSelectionSet() : null;
      Field found = fieldAt(set, at);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static Field fieldAt(SelectionSet set, SourceLocation at) {
    if (set == null) {
      return null;
    }
    for (Selection<?> s : set.getSelections()) {
      Field found = null;
      if (s instanceof Field f) {
        SourceLocation l = f.getSourceLocation();
        found = l != null && l.getLine() == at.getLine() && l.getColumn() == at.getColumn() ? f : fieldAt(f.getSelectionSet(), at);
      } else if (s instanceof InlineFragment i) {
        found = fieldAt(i.getSelectionSet(), at);
      }
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
