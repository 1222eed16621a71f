package dev.asyncdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConnectionPropertyPolicyTest {
  @Test
  void asyncDbPropertiesPass() {
    assertThatCode(() -> ConnectionPropertyPolicy.check(Map.of("user", "ada", "password", "x", "readOnly", "true", "project", "shop")))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"model", "schemaFactory", "fun", "typeSystem", "parserFactory", "schema.directory", "jdbc.url"})
  void propertiesThatLoadClassesOrFilesAreRefusedByName(String property) {
    assertThatThrownBy(() -> ConnectionPropertyPolicy.check(Map.of(property, "x")))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(property)
        .hasMessageContaining("would load classes or files")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
  }

  @Test
  void serverSideSettingsAndUnknownNamesAreRefusedToo() {
    assertThatThrownBy(() -> ConnectionPropertyPolicy.check(Map.of("durability", "off", "colour", "blue")))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("colour").hasMessageContaining("durability")
        .hasMessageContaining("may send only: readOnly, user, password, project.");
  }
}
