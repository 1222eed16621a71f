package dev.asyncdb.stores;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs a {@code @TestTemplate} once per {@link StoreKind}, resolving the kind as a parameter. The
 * kinds that need PostgreSQL carry the {@link PostgresServer} condition, so without a server only
 * they are skipped (and under CI they fail).
 */
final class StoreKinds implements TestTemplateInvocationContextProvider {
  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return true;
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    return Arrays.stream(StoreKind.values()).map(kind -> new TestTemplateInvocationContext() {
      @Override
      public String getDisplayName(int index) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        List<Extension> extensions = new ArrayList<>();
        extensions.add(new ParameterResolver() {
          @Override
          public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == StoreKind.class;
          }

          @Override
          public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return kind;
          }
        });
        if (kind.needsPostgres) {
          extensions.add(new PostgresServer());
        }
        return extensions;
      }
    });
  }
}
