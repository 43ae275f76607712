package dev.translation.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.translation.contracts.TopicSpec;
import dev.translation.contracts.Topics;
import dev.translation.topics.PipelineTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaIT {

  @TempDir static Path directory;
  static LocalKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = LocalKafka.builder(directory).build().start();
    kafka.createPipelineTopics();
  }

  @AfterAll
  static void stopBroker() {
    kafka.stop();
  }

  @Test
  void createsEveryPipelineTopicWithItsPartitions() throws Exception {
    try (Admin admin = admin()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(PipelineTopics.problems(admin, Topics.ALL)).isEmpty());
    }
    // Idempotent: a second call (another test class, another app) finds them and succeeds.
    kafka.createPipelineTopics();
  }

  @Test
  void aMissingTopicOrOneWithTooFewPartitionsIsReported() {
    PipelineTopics.create(
        kafka.bootstrapServers(),
        List.of(new TopicSpec("local-kafka-it.small", 1, false)),
        (short) 1);
    List<TopicSpec> needed =
        List.of(
            new TopicSpec("local-kafka-it.small", 3, false),
            new TopicSpec("local-kafka-it.never-created", 1, false));

    try (Admin admin = admin()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(PipelineTopics.problems(admin, needed))
                      .containsExactly(
                          "local-kafka-it.small: 1 partitions, needs 3",
                          "local-kafka-it.never-created: missing"));
    }
  }

  @Test
  void compactedTopicsAreCreatedWithTheCompactCleanupPolicy() throws Exception {
    TopicSpec latestPerKey = new TopicSpec("local-kafka-it.latest-per-key", 1, true);

    PipelineTopics.create(kafka.bootstrapServers(), List.of(latestPerKey), (short) 1);

    ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, latestPerKey.name());
    try (Admin admin = admin()) {
      // The broker learns of a new topic from the controller a moment after creation returns.
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(
                          admin
                              .describeConfigs(List.of(topic))
                              .all()
                              .get(30, TimeUnit.SECONDS)
                              .get(topic)
                              .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                              .value())
                      .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT));
    }
  }

  @Test
  void recordsProducedWithAJobKeyAreConsumedInOrder() throws Exception {
    List<String> values = IntStream.range(0, 50).mapToObj(i -> "segment-" + i).toList();

    KafkaTestClients.produce(
        kafka.bootstrapServers(), Topics.TRANSLATE_INTERACTIVE, "job-1", values);
    List<ConsumerRecord<String, String>> records =
        KafkaTestClients.consume(kafka.bootstrapServers(), Topics.TRANSLATE_INTERACTIVE, 50);

    // One key, one partition: the job's batches arrive in the order they were sent.
    assertThat(records).extracting(ConsumerRecord::value).containsExactlyElementsOf(values);
    assertThat(records)
        .extracting(ConsumerRecord::partition)
        .containsOnly(records.getFirst().partition());
  }

  @Test
  void restartOnTheSameDirectoryKeepsRecordsAndAddress() throws Exception {
    String address = kafka.bootstrapServers();
    KafkaTestClients.produce(address, Topics.TRANSLATE_BATCH, "job-2", List.of("before stop"));

    kafka.stop();
    assertThat(kafka.isRunning()).isFalse();
    kafka.start();
    KafkaTestClients.produce(address, Topics.TRANSLATE_BATCH, "job-2", List.of("after restart"));

    assertThat(kafka.bootstrapServers()).isEqualTo(address);
    assertThat(KafkaTestClients.consume(address, Topics.TRANSLATE_BATCH, 2))
        .extracting(ConsumerRecord::value)
        .containsExactly("before stop", "after restart");
  }

  @Test
  void killedBrokerRecoversAcknowledgedRecordsOnStart() throws Exception {
    String address = kafka.bootstrapServers();
    KafkaTestClients.produce(
        address, Topics.TRANSLATE_BATCH_DEAD_LETTER, "job-3", List.of("acked"));

    kafka.kill();
    kafka.start();

    assertThat(KafkaTestClients.consume(address, Topics.TRANSLATE_BATCH_DEAD_LETTER, 1))
        .extracting(ConsumerRecord::value)
        .containsExactly("acked");
    assertThat(Files.readString(kafka.logFile())).contains("Kafka Server started");
  }

  @Test
  void brokerExitsWhenTheProcessThatStartedItIsKilled(@TempDir Path other) throws Exception {
    List<ProcessHandle> brokers;
    try (ChildJvm owner = ChildJvm.start(ServerOwnerMain.class, "kafka", other.toString())) {
      owner.awaitLine("READY");
      brokers = owner.descendants();
      assertThat(brokers).isNotEmpty().allMatch(ProcessHandle::isAlive);

      owner.kill(); // SIGKILL: the owner's shutdown hooks never run
    }

    // The broker notices its stdin pipe closing and shuts itself down.
    for (ProcessHandle broker : brokers) {
      broker.onExit().get(60, TimeUnit.SECONDS);
    }
    assertThat(brokers).noneMatch(ProcessHandle::isAlive);
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  @Test
  void keepsItsStateInTheGivenDirectory() throws Exception {
    try (var files = Files.list(directory)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .contains("kraft-combined-logs", "config", "logs", "local-kafka.properties");
    }
    assertThat(Set.of(Files.readString(directory.resolve("config/server.properties")).split("\n")))
        .contains("num.partitions=12", "auto.create.topics.enable=false");
  }
}
