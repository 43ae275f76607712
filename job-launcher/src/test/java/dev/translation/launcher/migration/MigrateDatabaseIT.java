package dev.translation.launcher.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.testfixtures.DatabaseEndpoint;
import dev.translation.testfixtures.SharedFixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The migration Job's entry point against a real MySQL-compatible server. */
class MigrateDatabaseIT {

  @Test
  void migratesAFreshDatabaseOnceAndTellsAChangedMigrationFromAnUnreachableDatabase()
      throws Exception {
    DatabaseEndpoint database = SharedFixtures.database().createDatabase("migrate_it");
    Map<String, String> environment =
        Map.of(
            "DB_URL", database.jdbcUrl(),
            "DB_USER", database.username(),
            "DB_PASSWORD", database.password());

    assertThat(MigrateDatabase.run(environment)).isZero();
    assertThat(MigrateDatabase.run(environment)).isZero();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      ResultSet tables =
          statement.executeQuery(
              "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND"
                  + " TABLE_NAME IN ('jobs', 'model_versions', 'model_jobs')");
      tables.next();
      assertThat(tables.getInt(1)).isEqualTo(3);

      // A migration changed after it was applied: retrying cannot help.
      statement.executeUpdate(
          "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
    }
    assertThat(MigrateDatabase.run(environment)).isEqualTo(3);

    assertThat(
            MigrateDatabase.run(
                Map.of(
                    "DB_URL", "jdbc:mysql://127.0.0.1:1/translation?connectTimeout=2000",
                    "DB_USER", "nobody",
                    "DB_PASSWORD", "none")))
        .isEqualTo(4);
    assertThat(MigrateDatabase.run(Map.of())).isEqualTo(3);
  }
}
