package dev.translation.submit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.translation.contracts.Topics;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.localstack.LocalKafka;
import dev.translation.submit.TestClient;
import dev.translation.submit.TestClient.Response;
import dev.translation.submit.TestDatabase;
import dev.translation.submit.TopicReader;
import dev.translation.submit.security.ApiKeyService;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Kafka outage never refuses a submit, and every job accepted during it reaches Kafka once the
 * broker is back. Runs on a broker of its own (the shared one must not be stopped) and a database
 * of its own (so no other test context's relay publishes these rows elsewhere).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "translation.api.relay.interval=100ms",
      "translation.api.relay.initial-backoff=200ms",
      "translation.api.relay.max-backoff=1s",
      "translation.api.relay.send-timeout=5s",
      "spring.kafka.producer.properties.max.block.ms=1000",
      "spring.kafka.producer.properties.request.timeout.ms=1000",
      "spring.kafka.producer.properties.delivery.timeout.ms=2000",
      "spring.kafka.producer.properties.reconnect.backoff.max.ms=500"
    })
@DirtiesContext
class OutboxDurabilityIT {

  @TempDir static Path kafkaDirectory;
  static LocalKafka kafka;
  static int kafkaPort;

  @BeforeAll
  static void configureKafkaWithoutStartingIt() throws IOException {
    // Fixed ports so the application can be pointed at a broker that does not run yet.
    kafkaPort = freePort();
    kafka = LocalKafka.builder(kafkaDirectory).port(kafkaPort).controllerPort(freePort()).build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @AfterAll
  static void stopKafka() {
    kafka.stop();
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry, "submit_api_durability");
    registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + kafkaPort);
  }

  @LocalServerPort int port;
  @Autowired ApiKeyService apiKeys;
  @Autowired JdbcClient jdbc;

  @Test
  void theApiStartsAndAcceptsWithoutKafkaAndEveryAcceptedJobIsPublishedOnceKafkaIsUp() {
    TestClient client = new TestClient(port, apiKeys.create("durability").secret());

    // Kafka has never run: the application started anyway, and submits are accepted.
    Map<String, Integer> beforeFirstStart = submitWhileKafkaIsDown(client, List.of(1, 40));
    kafka.start();
    kafka.createPipelineTopics();
    awaitAllSegmentsOnTheTopic(beforeFirstStart);

    // Kafka goes away after the producer knew it: again accepted, kept, and delivered later.
    kafka.stop();
    Map<String, Integer> duringOutage = submitWhileKafkaIsDown(client, List.of(3, 70, 2));
    kafka.start();
    awaitAllSegmentsOnTheTopic(duringOutage);
  }

  private Map<String, Integer> submitWhileKafkaIsDown(TestClient client, List<Integer> sizes) {
    long failedBefore = failedAttempts();
    Map<String, Integer> accepted = new LinkedHashMap<>();
    int expectedMessages = 0;
    for (int size : sizes) {
      List<String> texts = IntStream.range(0, size).mapToObj(i -> "Ausfall " + i).toList();
      Response response = client.submit(texts);
      assertThat(response.status()).as(response.toString()).isEqualTo(202);
      accepted.put(response.json().path("id").asString(), size);
      expectedMessages += (size + 31) / 32;
    }
    assertThat(unpublishedRowsOf(accepted.keySet())).isEqualTo(expectedMessages);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(failedAttempts())
                    .as("the relay tried, failed, and kept the rows")
                    .isGreaterThan(failedBefore));
    assertThat(unpublishedRowsOf(accepted.keySet())).isEqualTo(expectedMessages);
    return accepted;
  }

  private void awaitAllSegmentsOnTheTopic(Map<String, Integer> jobs) {
    try (TopicReader reader =
        new TopicReader(kafka.bootstrapServers(), Topics.TRANSLATE_INTERACTIVE)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                reader.poll();
                jobs.forEach(
                    (jobId, size) ->
                        assertThat(indexesOf(reader.messagesOf(jobId)))
                            .as("segments of job %s", jobId)
                            .isEqualTo(
                                IntStream.range(0, size)
                                    .boxed()
                                    .collect(Collectors.toCollection(TreeSet::new))));
              });
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> unpublishedRowsOf(jobs.keySet()) == 0);
  }

  private long failedAttempts() {
    return jdbc.sql(
            "SELECT COALESCE(SUM(attempts), 0) FROM outbox WHERE published_at IS NULL AND"
                + " last_error IS NOT NULL")
        .query(Long.class)
        .single();
  }

  private long unpublishedRowsOf(Set<String> jobIds) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL AND aggregate_id IN (:ids)")
        .param("ids", jobIds)
        .query(Long.class)
        .single();
  }

  private static Set<Integer> indexesOf(List<TranslationBatchMessage> messages) {
    List<Integer> indexes = new ArrayList<>();
    messages.forEach(m -> m.segments().forEach(s -> indexes.add(s.index())));
    return new TreeSet<>(indexes);
  }
}
