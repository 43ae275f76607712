package dev.translation.submit.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.Sha256;
import dev.translation.submit.SubmitApiApplication;
import dev.translation.testfixtures.DatabaseEndpoint;
import dev.translation.testfixtures.SharedFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class CreateApiKeyCommandIT {

  @Test
  void createApiKeyPrintsOnlyTheKeyAndStoresOnlyItsHash() throws Exception {
    DatabaseEndpoint database = SharedFixtures.database().createDatabase("submit_api_cli");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        CreateApiKeyCommand.run(
            SubmitApiApplication.class,
            new String[] {
              "--create-api-key=cli-team",
              "--spring.datasource.url=" + database.jdbcUrl(),
              "--spring.datasource.username=" + database.username(),
              "--spring.datasource.password=" + database.password()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    String key = out.toString(StandardCharsets.UTF_8).strip();
    assertThat(key).matches("tk_[A-Za-z0-9_-]{43}");
    try (Connection connection = database.connect();
        PreparedStatement statement =
            connection.prepareStatement("SELECT name FROM api_keys WHERE key_hash = ?")) {
      statement.setString(1, Sha256.hex(key));
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("cli-team");
      }
    }
  }

  @Test
  void createApiKeyWithoutANameExplainsTheUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        CreateApiKeyCommand.run(
            SubmitApiApplication.class,
            new String[] {"--create-api-key"},
            System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--create-api-key=NAME");
  }
}
