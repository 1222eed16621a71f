package dev.asyncdb.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The starting points {@code async-db init} can write, as project-relative file names and contents. */
enum InitTemplate {
  DATA_FIRST("data-first", "users", """
      [
        {
          "id": "u_1",
          "name": "Ada Lovelace",
          "email": "ada@example.com",
          "role": "admin"
        },
        {
          "id": "u_2",
          "name": "Grace Hopper",
          "email": "grace@example.com",
          "role": "user"
        }
      ]
      """),
  SCHEMA_FIRST("schema-first", "users", """
      {
        // Users of the app. The fields below are the contract every write is checked against;
        // add records with `async-db create users '{...}'` or a db/users.json next to this file.
        "kind": "collection",
        "idField": "id",
        "fields": {
          "id": {"type": "string", "required": true, "description": "Stable user id."},
          "name": {"type": "string", "required": true, "description": "Display name."},
          "email": {"type": "string", "required": true, "unique": true, "description": "Sign-in address."},
          "role": {"type": "enum", "values": ["admin", "user"], "default": "user"}
        },
        "seed": []
      }
      """),
  SOURCE_FILE("source-file", "appState", """
      {
        "theme": "light",
        "onboardingDone": false
      }
      """);

  static final String GITIGNORE_LINE = ".db/";

  private final String label;
  private final String resource;
  private final String content;

  InitTemplate(String label, String resource, String content) {
    this.label = label;
    this.resource = resource;
    this.content = content;
  }

  String label() {
    return label;
  }

  /** The resource the template creates, used in the suggested first query. */
  String resource() {
    return resource;
  }

  /** Files to write, in order; {@code .gitignore} is handled separately because it may be appended to. */
  Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    switch (this) {
      case DATA_FIRST -> files.put("db/users.json", content);
      case SCHEMA_FIRST -> files.put("db/users.schema.jsonc", content);
      case SOURCE_FILE -> {
        files.put("db.config.json", "{\n  \"stores\": {\n    \"default\": \"sourceFile\"\n  }\n}\n");
        files.put("db/appState.json", content);
      }
    }
    return files;
  }

  static InitTemplate of(String label) {
    for (InitTemplate t : values()) {
      if (t.label.equals(label)) {
        return t;
      }
    }
    return null;
  }

  /** Picocli completion candidates and validation. */
  static final class Names extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Names() {
      for (InitTemplate t : values()) {
        add(t.label);
      }
    }
  }
}
