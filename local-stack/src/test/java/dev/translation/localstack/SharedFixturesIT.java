package dev.translation.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.translation.contracts.Topics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class SharedFixturesIT {

  @Test
  void kafkaIsStartedOnceWithThePipelineTopics() throws Exception {
    KafkaEndpoint kafka = SharedFixtures.kafka();

    assertThat(SharedFixtures.kafka()).isSameAs(kafka);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      // The broker learns of new topics from the controller a moment after creation returns.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                      .contains(
                          Topics.TRANSLATE_INTERACTIVE, Topics.TRANSLATE_BATCH, Topics.JOB_EVENTS));
    }
    KafkaTestClients.produce(
        kafka.bootstrapServers(), Topics.JOB_EVENTS, "job-1", List.of("finished"));
    assertThat(KafkaTestClients.consume(kafka.bootstrapServers(), Topics.JOB_EVENTS, 1))
        .extracting(ConsumerRecord::value)
        .contains("finished");
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
      // Embedded here (no Docker, no DB_URL): a real MariaDB server, not an imitation.
      if (database.source() == FixtureSource.EMBEDDED) {
        assertThat(rows.getString(2)).contains("MariaDB");
      }
    }
  }
}
