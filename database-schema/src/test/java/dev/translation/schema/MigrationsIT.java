package dev.translation.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.Lane;
import dev.translation.contracts.SegmentStatus;
import dev.translation.testfixtures.DatabaseEndpoint;
import dev.translation.testfixtures.SharedFixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Applies the migrations shipped in this module's jar to a real MySQL-compatible server (from
 * {@link SharedFixtures}: external, Testcontainers' MySQL, or embedded MariaDB) and checks the
 * schema's promises: the tables, the enums matching the contracts, and the constraints that make
 * at-least-once writes safe.
 */
class MigrationsIT {

  private static final String JOB = "6f1c2b1e-3f43-4a8e-9a51-0b7c6c1d2e3f";

  static DatabaseEndpoint database;
  static Flyway flyway;
  static MigrateResult firstMigration;

  @BeforeAll
  static void migrateAFreshDatabase() {
    // A database of its own, so the test sees the migrations applied from scratch even on a
    // shared external server.
    database =
        SharedFixtures.database().createDatabase("schema_it_" + ProcessHandle.current().pid());
    flyway =
        Flyway.configure()
            .dataSource(database.jdbcUrl(), database.username(), database.password())
            .load();
    firstMigration = flyway.migrate();
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE " + database.databaseName());
    }
  }

  @Test
  void createsEveryTableFromTheMigrationsOnTheClasspath() throws SQLException {
    assertThat(firstMigration.success).isTrue();
    assertThat(firstMigration.migrationsExecuted)
        .isEqualTo(flyway.info().applied().length)
        .isPositive();
    assertThat(
            query(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND ENGINE = 'InnoDB' AND TABLE_COLLATION LIKE 'utf8mb4%'"))
        .contains("api_keys", "jobs", "segments", "outbox", "translation_memory", "model_versions")
        .contains("job_documents", "job_document_chunks")
        .contains(
            "BATCH_JOB_INSTANCE",
            "BATCH_JOB_EXECUTION",
            "BATCH_JOB_EXECUTION_PARAMS",
            "BATCH_JOB_EXECUTION_CONTEXT",
            "BATCH_STEP_EXECUTION",
            "BATCH_STEP_EXECUTION_CONTEXT",
            "BATCH_JOB_INSTANCE_SEQ",
            "BATCH_JOB_EXECUTION_SEQ",
            "BATCH_STEP_EXECUTION_SEQ");
  }

  @Test
  void migratingAgainChangesNothing() {
    MigrateResult again = flyway.migrate();

    assertThat(again.success).isTrue();
    assertThat(again.migrationsExecuted).isZero();
    assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
  }

  @Test
  void statusColumnsAcceptExactlyTheContractEnums() throws SQLException {
    assertThat(enumValues("jobs", "status")).containsExactlyElementsOf(names(JobStatus.values()));
    assertThat(enumValues("jobs", "lane")).containsExactlyElementsOf(names(Lane.values()));
    assertThat(enumValues("segments", "status"))
        .containsExactlyElementsOf(names(SegmentStatus.values()));
    assertThat(enumValues("model_versions", "state"))
        .containsExactly("CANDIDATE", "CANARY", "ACTIVE", "RETIRED");
  }

  @Test
  void aRedeliveredResultChangesNoRowAndCountersCannotExceedTheSegments() throws SQLException {
    try (Connection connection = database.connect()) {
      long apiKey = insertApiKey(connection, "a".repeat(64));
      insertJob(connection, JOB, apiKey, null, 2);
      insertSegment(connection, JOB, 0, "Guten Morgen.");
      insertSegment(connection, JOB, 1, "Gute Nacht.");
      String storeResult =
          "UPDATE segments SET status = 'DONE', translation = ?, model_version = ?,"
              + " attempts = attempts + 1 WHERE job_id = ? AND idx = ? AND status = 'PENDING'";

      int first = update(connection, storeResult, "Good morning.", "starter:1", JOB, 0);
      int redelivered = update(connection, storeResult, "Good morning!", "starter:2", JOB, 0);

      assertThat(first).isOne();
      assertThat(redelivered).isZero();
      assertThat(query("SELECT translation FROM segments WHERE job_id = '" + JOB + "' AND idx = 0"))
          .containsExactly("Good morning.");
      // A worker that counted messages instead of changed rows would overshoot: refused.
      assertThatThrownBy(
              () -> update(connection, "UPDATE jobs SET done_segments = 3 WHERE id = ?", JOB))
          .isInstanceOf(SQLException.class);
      // DONE without a translation is not a result.
      assertThatThrownBy(
              () ->
                  update(
                      connection,
                      "UPDATE segments SET status = 'DONE' WHERE job_id = ? AND idx = ?",
                      JOB,
                      1))
          .isInstanceOf(SQLException.class);
    }
  }

  @Test
  void anIdempotencyKeyIsUniquePerApiKeyAndOptional() throws SQLException {
    try (Connection connection = database.connect()) {
      long alice = insertApiKey(connection, "b".repeat(64));
      long bob = insertApiKey(connection, "c".repeat(64));

      insertJob(connection, "00000000-0000-0000-0000-000000000001", alice, "retry-1", 1);
      insertJob(connection, "00000000-0000-0000-0000-000000000002", bob, "retry-1", 1);
      insertJob(connection, "00000000-0000-0000-0000-000000000003", alice, null, 1);
      insertJob(connection, "00000000-0000-0000-0000-000000000004", alice, null, 1);

      assertThatThrownBy(
              () ->
                  insertJob(
                      connection, "00000000-0000-0000-0000-000000000005", alice, "retry-1", 1))
          .isInstanceOf(SQLIntegrityConstraintViolationException.class);
      // Keys are case-sensitive, as clients generate them.
      insertJob(connection, "00000000-0000-0000-0000-000000000006", alice, "RETRY-1", 1);
    }
  }

  @Test
  void aLanguagePairHasOneRolloutWhoseVersionsMustBeRegisteredAndWhoseCanaryNeedsAShare()
      throws SQLException {
    try (Connection connection = database.connect()) {
      String register =
          "INSERT INTO model_versions (model_id, name, version, source_lang, target_lang,"
              + " bundle_uri, checksums, metrics, lineage, state, canary_percent, launched_by)"
              + " VALUES (?, 'starter', ?, 'de', 'en', 'file:/models/x/', '{}', '[]', '{}', ?, ?,"
              + " 'test')";
      update(connection, register, "starter@1", "1", "ACTIVE", null);
      update(connection, register, "starter@2", "2", "CANDIDATE", null);
      assertThatThrownBy(() -> update(connection, register, "starter@3", "3", "CANARY", null))
          .isInstanceOf(SQLException.class);

      String rollout =
          "INSERT INTO model_rollouts (source_lang, target_lang, active_model, canary_model,"
              + " canary_percent, revision) VALUES ('de', 'en', ?, ?, ?, 1)";
      assertThatThrownBy(() -> update(connection, rollout, "unknown@1", null, null))
          .isInstanceOf(SQLIntegrityConstraintViolationException.class);
      assertThatThrownBy(() -> update(connection, rollout, "starter@1", "starter@2", null))
          .isInstanceOf(SQLException.class);
      update(connection, rollout, "starter@1", "starter@2", 30);
      assertThatThrownBy(() -> update(connection, rollout, "starter@2", null, null))
          .isInstanceOf(SQLIntegrityConstraintViolationException.class);
    }
    assertThat(query("SELECT active_model FROM model_rollouts")).containsExactly("starter@1");
  }

  @Test
  void outboxRefusesAPayloadThatIsNotJson() throws SQLException {
    try (Connection connection = database.connect()) {
      String enqueue =
          "INSERT INTO outbox (aggregate_id, topic, message_key, payload) VALUES (?, ?, ?, ?)";
      update(connection, enqueue, JOB, "translate.interactive", JOB, "{\"schemaVersion\":1}");

      assertThatThrownBy(
              () -> update(connection, enqueue, JOB, "translate.interactive", JOB, "{not json"))
          .isInstanceOf(SQLException.class);
    }
    assertThat(query("SELECT payload FROM outbox WHERE published_at IS NULL ORDER BY id"))
        .containsExactly("{\"schemaVersion\":1}");
  }

  private static long insertApiKey(Connection connection, String hash) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO api_keys (name, key_hash, max_texts_per_request, max_chars_per_text,"
                + " requests_per_minute) VALUES ('test', ?, 100, 5000, 60)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, hash);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static void insertJob(
      Connection connection, String id, long apiKey, String idempotencyKey, int segments)
      throws SQLException {
    update(
        connection,
        "INSERT INTO jobs (id, api_key_id, idempotency_key, source_lang, target_lang, lane,"
            + " total_segments, total_texts) VALUES (?, ?, ?, 'de', 'en', 'INTERACTIVE', ?, ?)",
        id,
        apiKey,
        idempotencyKey,
        segments,
        segments);
  }

  private static void insertSegment(Connection connection, String job, int index, String text)
      throws SQLException {
    update(
        connection,
        "INSERT INTO segments (job_id, idx, text_idx, source_text, source_hash) VALUES (?, ?, ?, ?,"
            + " SHA2(?, 256))",
        job,
        index,
        index,
        text,
        text);
  }

  private static int update(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    }
  }

  private static List<String> query(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  /** The values of an ENUM column, in declaration order, from its COLUMN_TYPE. */
  private static List<String> enumValues(String table, String column) throws SQLException {
    List<String> type =
        query(
            "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = '"
                + table
                + "' AND COLUMN_NAME = '"
                + column
                + "'");
    assertThat(type).singleElement().asString().startsWith("enum(");
    String values = type.getFirst().substring("enum(".length(), type.getFirst().length() - 1);
    return Arrays.stream(values.split(",")).map(value -> value.replace("'", "")).toList();
  }

  private static List<String> names(Enum<?>[] constants) {
    return Arrays.stream(constants).map(Enum::name).toList();
  }
}
