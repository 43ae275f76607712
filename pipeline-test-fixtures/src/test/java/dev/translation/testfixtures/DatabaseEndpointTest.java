package dev.translation.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class DatabaseEndpointTest {

  private final DatabaseEndpoint endpoint =
      new DatabaseEndpoint(
          "jdbc:mysql://127.0.0.1:3307/translation?rewriteBatchedStatements=true&sslMode=DISABLED",
          "app",
          "s3cret",
          FixtureSource.EMBEDDED);

  @Test
  void namesTheDatabaseOfItsUrl() {
    assertThat(endpoint.databaseName()).isEqualTo("translation");
  }

  @Test
  void anotherDatabaseKeepsServerCredentialsAndParameters() {
    DatabaseEndpoint other = endpoint.withDatabase("it_jobs");

    assertThat(other.jdbcUrl())
        .isEqualTo(
            "jdbc:mysql://127.0.0.1:3307/it_jobs?rewriteBatchedStatements=true&sslMode=DISABLED");
    assertThat(other.databaseName()).isEqualTo("it_jobs");
    assertThat(other.username()).isEqualTo("app");
    assertThat(other.password()).isEqualTo("s3cret");
  }

  @Test
  void rejectsDatabaseNamesThatWouldNeedQuoting() {
    assertThatIllegalArgumentException().isThrownBy(() -> endpoint.withDatabase("jobs`; DROP"));
    assertThatIllegalArgumentException().isThrownBy(() -> endpoint.withDatabase(""));
  }

  @Test
  void rejectsUrlsOfOtherDrivers() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DatabaseEndpoint("jdbc:h2:mem:x", "sa", "", FixtureSource.EXTERNAL))
        .withMessageContaining("jdbc:mysql://");
  }

  @Test
  void neverPrintsThePassword() {
    assertThat(endpoint.toString()).doesNotContain("s3cret").contains("app");
  }
}
