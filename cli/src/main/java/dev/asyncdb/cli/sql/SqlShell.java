package dev.asyncdb.cli.sql;

import dev.asyncdb.engine.AsyncDb;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;

/**
 * The interactive shell: JLine line editing with history in {@code $HOME/.async_db_history}, input
 * that continues over several lines until a {@code ;}, completion of table names, keywords and
 * meta-commands, readable tables and timings. An error is printed and the shell goes on.
 */
final class SqlShell {
  static final String PROMPT = "async-db> ";
  static final String CONTINUATION = "     ...> ";
  private static final List<String> KEYWORDS = List.of("SELECT", "FROM", "WHERE", "GROUP BY", "ORDER BY", "HAVING", "LIMIT", "OFFSET",
      "JOIN", "LEFT JOIN", "ON", "AS", "AND", "OR", "NOT", "NULL", "IS", "IN", "LIKE", "BETWEEN", "COUNT", "SUM", "AVG", "MIN", "MAX",
      "DISTINCT", "INSERT INTO", "VALUES", "UPDATE", "SET", "DELETE FROM", "EXPLAIN PLAN FOR", "JSON_VALUE", "JSON_QUERY");

  private final SqlSession session;
  private final Terminal terminal;
  private final String project;

  SqlShell(SqlSession session, Terminal terminal, String project) {
    this.session = session;
    this.terminal = terminal;
    this.project = project;
  }

  /** A parser that asks for another line until the statement is terminated. */
  private static final class StatementParser extends DefaultParser {
    StatementParser() {
      setEscapeChars(null);
      setEofOnUnclosedQuote(false);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
      if (context == ParseContext.ACCEPT_LINE && !SqlScript.isComplete(line)) {
        throw new EOFError(-1, cursor, "statement not terminated", ";");
      }
      return super.parse(line, cursor, context);
    }
  }

  void run() throws SQLException {
    List<String> words = new ArrayList<>(KEYWORDS);
    words.addAll(MetaCommands.NAMES);
    words.addAll(new MetaCommands(session).tables());
    LineReader reader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("async-db")
        .parser(new StatementParser())
        .completer(new StringsCompleter(words))
        .variable(LineReader.HISTORY_FILE, historyFile())
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.CASE_INSENSITIVE, true)
        .build();
    PrintWriter out = session.out();
    out.println("async-db " + AsyncDb.version() + " SQL shell on " + project);
    out.println("Statements end with ';'. Type .help for commands, .quit to leave.");
    out.flush();
    while (true) {
      String text;
      try {
        text = reader.readLine(PROMPT);
      } catch (UserInterruptException e) {
        continue;
      } catch (EndOfFileException e) {
        break;
      }
      if (!runLine(text, out)) {
        break;
      }
    }
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      out.println(session.style().dim("(history not saved: " + e.getMessage() + ")"));
    }
    out.flush();
  }

  /** {@code $HOME/.async_db_history}; Java's user.home comes from the password database and ignores a changed HOME. */
  private static Path historyFile() {
    String home = System.getenv("HOME");
    return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".async_db_history");
  }

  private boolean runLine(String text, PrintWriter out) {
    for (SqlScript.Unit unit : SqlScript.split(text)) {
      try {
        if (!session.run(unit)) {
          return false;
        }
      } catch (SQLException e) {
        out.println(session.style().red("error: " + SqlCommand.message(e)));
        out.println();
        out.flush();
      }
    }
    return true;
  }
}
