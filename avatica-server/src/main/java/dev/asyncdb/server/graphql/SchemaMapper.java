package dev.asyncdb.server.graphql;

import static graphql.schema.GraphQLArgument.newArgument;
import static graphql.schema.GraphQLFieldDefinition.newFieldDefinition;

import dev.asyncdb.engine.AsyncDb;
import dev.asyncdb.engine.schema.FieldDef;
import dev.asyncdb.engine.schema.ResourceSchema;
import dev.asyncdb.engine.source.Names;
import dev.asyncdb.engine.sync.ResourceDefinition;
import graphql.GraphQL;
import graphql.Scalars;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphqlTypeComparatorRegistry;
import graphql.schema.idl.SchemaPrinter;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the GraphQL schema of a project (PRODUCT.md §20) from the engine's resource definitions.
 * Type names are the engine's ({@link ResourceDefinition#typeName()}: PascalCase of the singular
 * for collections, of the name for documents — the names {@code async-db types} generates).
 * Root fields: a collection's list under its name and one record under its camelCase singular
 * ({@code users}, {@code user(id:)}; {@code key:} for a compound identity), a document under its
 * name; mutations {@code create/update/delete<Type>} and {@code update/set<Type>} for documents.
 * Field types: the id field {@code ID!}, string/datetime/date/enum/bytes {@code String}, number
 * {@code Float}, integer {@code Int} (or {@code Float} when its declared bounds reach past 32 bits),
 * boolean {@code Boolean}, array {@code [JSON]}, object and unknown {@code JSON}; {@code !} when
 * required and not nullable. Names GraphQL cannot carry are left out, and a clash renames the later
 * type or root field — both said in comments at the top of the SDL.
 */
final class SchemaMapper {
  static final String QUERY = "Query";
  static final String MUTATION = "Mutation";
  private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");
  private static final Set<String> RESERVED = Set.of(QUERY, MUTATION, "Subscription", "JSON", "String", "Int", "Float", "Boolean", "ID");

  private final GraphQLObjectType.Builder query = GraphQLObjectType.newObject().name(QUERY)
      .description("Reads: every collection as a list and one record by key, every document whole.");
  private final GraphQLObjectType.Builder mutation = GraphQLObjectType.newObject().name(MUTATION)
      .description("Writes, each one validated engine write that is durable when it answers.");
  private final GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry();
  private final Set<String> types = new HashSet<>(RESERVED);
  private final Set<String> queryFields = new HashSet<>();
  private final Set<String> mutationFields = new HashSet<>();
  private final List<String> notes = new ArrayList<>();

  private SchemaMapper() {}

  static ServedSchema build(AsyncDb db) {
    List<ResourceDefinition> resources = new ArrayList<>(db.definitions());
    // Collections first: when a document's type name equals a collection's (user and users), the document's is the one renamed.
    resources.sort(Comparator.comparing((ResourceDefinition r) -> !r.schema().isCollection()).thenComparing(ResourceDefinition::name));
    SchemaMapper m = new SchemaMapper();
    List<ResourceDefinition> named = new ArrayList<>();
    // Resource names first: they are the spec's root fields, so a singular that equals another
    // resource's name is the one renamed.
    for (ResourceDefinition r : resources) {
      if (!NAME.matcher(r.name()).matches() || r.name().startsWith("__")) {
        m.notes.add("resource \"" + r.name() + "\" is left out: its name is not a GraphQL name (rename its file)");
      } else {
        m.queryFields.add(r.name());
        named.add(r);
      }
    }
    for (ResourceDefinition r : named) {
      m.add(r);
    }
    return m.finish(db);
  }

  private void add(ResourceDefinition r) {
    ResourceSchema s = r.schema();
    String type = claimType(r.typeName(), s.isCollection() ? "Record" : "Document", "resource \"" + r.name() + "\"");
    if (type == null) {
      queryFields.remove(r.name());
      return;
    }
    GraphQLOutputType record = recordType(type, s);
    if (!s.isCollection()) {
      field(query, r.name(), GraphQLNonNull.nonNull(record), "Document " + r.name() + ".", RootFetchers.document(r.name()));
      mutation(update(type), GraphQLNonNull.nonNull(record), "Merges top-level fields into document " + r.name() + "; returns the document.",
          RootFetchers.updateDocument(r.name()), argument("patch", GraphQLNonNull.nonNull(JsonScalar.JSON)));
      mutation("set" + type, GraphQLNonNull.nonNull(record), "Sets the value at a path of document " + r.name()
          + " (a JSON Pointer such as \"/a/b\", or a top-level name); returns the whole document.", RootFetchers.setDocument(r.name()),
          argument("path", GraphQLNonNull.nonNull(Scalars.GraphQLString)), argument("value", JsonScalar.JSON));
      return;
    }
    field(query, r.name(), GraphQLNonNull.nonNull(GraphQLList.list(GraphQLNonNull.nonNull(record))),
        "All records of " + r.name() + ", in insertion order.", RootFetchers.list(r.name()));
    mutation("create" + type, GraphQLNonNull.nonNull(record), "Creates a record in " + r.name() + " (defaults applied, id generated when"
        + " missing); returns it as stored.", RootFetchers.create(r.name()), argument("input", GraphQLNonNull.nonNull(JsonScalar.JSON)));
    GraphQLArgument key = keyArgument(type, s, r.name());
    if (key == null) {
      return;
    }
    String single = Names.camelCase(Names.singular(r.name()));
    if (queryFields.contains(single)) {
      notes.add("the record field of \"" + r.name() + "\" is " + single + "ById: " + single + " is taken");
      single = single + "ById";
    }
    if (queryFields.contains(single)) {
      notes.add("resource \"" + r.name() + "\" has no record field: " + single + " is taken too");
    } else {
      field(query, single, record, "One record of " + r.name() + " by its key, or null.", RootFetchers.single(r.name(), key.getName()), key);
    }
    mutation(update(type), record, "Merges top-level fields into a record of " + r.name() + "; returns it, or null when no record has the key.",
        RootFetchers.update(r.name(), key.getName()), key, argument("patch", GraphQLNonNull.nonNull(JsonScalar.JSON)));
    mutation("delete" + type, GraphQLNonNull.nonNull(Scalars.GraphQLBoolean), "Deletes a record of " + r.name()
        + "; false when no record has the key.", RootFetchers.delete(r.name(), key.getName()), key);
  }

  private static String update(String type) {
    return "update" + type;
  }

  /** {@code id: ID!}, or {@code key: <Type>Key!} of the identity fields for a compound identity; null when they cannot be named. */
  private GraphQLArgument keyArgument(String type, ResourceSchema s, String resource) {
    if (!s.hasCompoundKey()) {
      return argument("id", GraphQLNonNull.nonNull(Scalars.GraphQLID));
    }
    for (String f : s.keyFields()) {
      if (!isFieldName(f)) {
        notes.add("resource \"" + resource + "\" has no record field or update/delete mutations: its key field \"" + f + "\" is not a GraphQL name");
        return null;
      }
    }
    String name = claimType(type + "Key", "Input", "the key of \"" + resource + "\"");
    if (name == null) {
      return null;
    }
    GraphQLInputObjectType.Builder input = GraphQLInputObjectType.newInputObject().name(name)
        .description("The identity fields of a record of " + resource + ".");
    for (String f : s.keyFields()) {
      FieldDef def = s.field(f);
      GraphQLInputType t = def == null ? JsonScalar.JSON : (GraphQLInputType) scalar(def);
      input.field(GraphQLInputObjectField.newInputObjectField().name(f).type(GraphQLNonNull.nonNull(t)).build());
    }
    return argument("key", GraphQLNonNull.nonNull(input.build()));
  }

  /** The object type of a resource's records; {@code JSON} when none of its fields can be a GraphQL field (GraphQL needs at least one). */
  private GraphQLOutputType recordType(String type, ResourceSchema s) {
    GraphQLObjectType.Builder b = GraphQLObjectType.newObject().name(type).description(s.description());
    String key = s.isCollection() && !s.hasCompoundKey() ? s.keyFields().get(0) : null;
    int count = 0;
    for (FieldDef f : s.fields().values()) {
      if (!isFieldName(f.name())) {
        notes.add("field \"" + f.name() + "\" of \"" + s.name() + "\" is left out: not a GraphQL name (SQL and REST still show it)");
        continue;
      }
      GraphQLOutputType t;
      if (f.name().equals(key)) {
        // Every stored record has its id (generated when missing), whatever the schema says.
        t = GraphQLNonNull.nonNull(Scalars.GraphQLID);
      } else {
        GraphQLOutputType base = scalar(f);
        t = f.required() && !f.nullable() ? GraphQLNonNull.nonNull(base) : base;
        if (base == Scalars.GraphQLInt) {
          code.dataFetcher(FieldCoordinates.coordinates(type, f.name()), new IntField(s.name(), f.name()));
        }
      }
      b.field(newFieldDefinition().name(f.name()).description(f.description()).type(t));
      count++;
    }
    if (count == 0) {
      types.remove(type);
      return JsonScalar.JSON;
    }
    return b.build();
  }

  private static GraphQLOutputType scalar(FieldDef f) {
    return switch (f.type()) {
      case STRING, DATETIME, DATE, ENUM, BYTES -> Scalars.GraphQLString;
      case INTEGER -> IntField.fits(f) ? Scalars.GraphQLInt : Scalars.GraphQLFloat;
      case NUMBER -> Scalars.GraphQLFloat;
      case BOOLEAN -> Scalars.GraphQLBoolean;
      case ARRAY -> GraphQLList.list(JsonScalar.JSON);
      case OBJECT, JSON -> JsonScalar.JSON;
    };
  }

  private static boolean isFieldName(String name) {
    return NAME.matcher(name).matches() && !name.startsWith("__");
  }

  /** The type name, or it with the suffix (then a number) when taken; null when it is not a GraphQL name. */
  private String claimType(String wanted, String suffix, String what) {
    if (!NAME.matcher(wanted).matches() || wanted.startsWith("__")) {
      notes.add(what + " is left out: its type name \"" + wanted + "\" is not a GraphQL name");
      return null;
    }
    String name = wanted;
    for (int n = 2; types.contains(name); n++) {
      name = wanted + suffix + (n == 2 ? "" : String.valueOf(n));
    }
    if (!name.equals(wanted)) {
      notes.add("the type of " + what + " is " + name + ": " + wanted + " is taken");
    }
    types.add(name);
    return name;
  }

  private static GraphQLArgument argument(String name, GraphQLInputType type) {
    return newArgument().name(name).type(type).build();
  }

  private void field(GraphQLObjectType.Builder parent, String name, GraphQLOutputType type, String description, DataFetcher<?> fetcher,
      GraphQLArgument... arguments) {
    queryFields.add(name);
    GraphQLFieldDefinition.Builder f = newFieldDefinition().name(name).type(type).description(description);
    for (GraphQLArgument a : arguments) {
      f.argument(a);
    }
    parent.field(f);
    code.dataFetcher(FieldCoordinates.coordinates(QUERY, name), fetcher);
  }

  private void mutation(String name, GraphQLOutputType type, String description, DataFetcher<?> fetcher, GraphQLArgument... arguments) {
    if (!mutationFields.add(name)) {
      notes.add("mutation " + name + " is left out: another resource's mutation has that name");
      return;
    }
    GraphQLFieldDefinition.Builder f = newFieldDefinition().name(name).type(type).description(description);
    for (GraphQLArgument a : arguments) {
      f.argument(a);
    }
    mutation.field(f);
    code.dataFetcher(FieldCoordinates.coordinates(MUTATION, name), fetcher);
  }

  private ServedSchema finish(AsyncDb db) {
    if (queryFields.isEmpty()) {
      // GraphQL requires a field on Query.
      query.field(newFieldDefinition().name("_empty").type(Scalars.GraphQLBoolean)
          .description("This project has no resources yet: add a data or schema file under db/."));
    }
    GraphQLSchema.Builder b = GraphQLSchema.newSchema().query(query.build()).additionalType(JsonScalar.JSON);
    if (!mutationFields.isEmpty()) {
      b.mutation(mutation.build());
    }
    GraphQLSchema schema = b.codeRegistry(code.build()).build();
    GraphQL graphQL = GraphQL.newGraphQL(schema).defaultDataFetcherExceptionHandler(new FetchErrors())
        .instrumentation(new StopAfterFirstError()).preparsedDocumentProvider(new ParsedDocument()).build();
    StringBuilder sdl = new StringBuilder("# GraphQL schema of ").append(db.projectRoot().getFileName()).append(", served by async-db.\n");
    notes.forEach(n -> sdl.append("# Note: ").append(n).append(".\n"));
    sdl.append('\n').append(new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeScalarTypes(true)
        .includeDirectiveDefinitions(false).setComparators(GraphqlTypeComparatorRegistry.AS_IS_REGISTRY)).print(schema));
    return new ServedSchema(new WeakReference<>(db), schema, graphQL, sdl.toString());
  }
}
