package dev.asyncdb.cli.sql;

import java.util.Locale;
import picocli.CommandLine;

/** How result sets are printed. */
enum Format {
  TABLE, CSV, JSON, MARKDOWN;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Format of(String label) {
    for (Format f : values()) {
      if (f.label().equalsIgnoreCase(label)) {
        return f;
      }
    }
    return null;
  }

  /** Picocli conversion; an unknown name is a usage error (exit 2). */
  static final class Converter implements CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      Format f = of(value);
      if (f == null) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a format; use table, csv, json or markdown");
      }
      return f;
    }
  }

  /** Completion candidates for help and shells. */
  static final class Names extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Names() {
      for (Format f : values()) {
        add(f.label());
      }
    }
  }
}
