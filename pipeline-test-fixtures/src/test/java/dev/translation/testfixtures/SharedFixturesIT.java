package dev.translation.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.translation.contracts.Topics;
import dev.translation.topics.PipelineTopics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class SharedFixturesIT {

  @Test
  void kafkaIsStartedOnceWithThePipelineTopics() {
    KafkaEndpoint kafka = SharedFixtures.kafka();

    assertThat(SharedFixtures.kafka()).isSameAs(kafka);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      // The broker learns of new topics from the controller a moment after creation returns.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(PipelineTopics.problems(admin, Topics.ALL)).isEmpty());
    }
  }

  @Test
  void databaseIsStartedOnceAndHandsOutIsolatedDatabases() throws Exception {
    DatabaseEndpoint database = SharedFixtures.database();
    assertThat(SharedFixtures.database()).isSameAs(database);

    DatabaseEndpoint isolated = database.createDatabase("shared_fixtures_it");

    try (Connection connection = isolated.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT DATABASE(), VERSION()")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo("shared_fixtures_it");
      // Embedded (no Docker, no DB_URL): a real MariaDB server, not an imitation.
      if (database.source() == FixtureSource.EMBEDDED) {
        assertThat(rows.getString(2)).contains("MariaDB");
      }
    }
  }
}
