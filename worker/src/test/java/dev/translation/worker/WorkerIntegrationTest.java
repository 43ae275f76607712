package dev.translation.worker;

import static org.awaitility.Awaitility.await;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.Lane;
import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.Topics;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.contracts.WireFormat;
import dev.translation.engine.inference.TranslationEngine;
import dev.translation.testfixtures.DatabaseEndpoint;
import dev.translation.testfixtures.PipelineRows;
import dev.translation.testfixtures.SharedFixtures;
import dev.translation.worker.config.WorkerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker as it runs, against real Kafka and a real MySQL-compatible server from {@link
 * SharedFixtures}, with the real model. Every test class extending this shares one application
 * context (so the model loads once). Tests seed jobs and segments as the submit API would and
 * publish {@link TranslationBatchMessage}s as its outbox relay would.
 *
 * <p>The model is {@code models/de-en-starter/4} found upward from the working directory, or the
 * bundle named by {@code -Dstarter.bundle=...}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class WorkerIntegrationTest {

  protected static final String GROUP = "worker-interactive";
  protected static final String TOPIC = Topics.TRANSLATE_INTERACTIVE;
  protected static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

  /** The key the workers under test sign their dead letters with. */
  protected static final String DEAD_LETTER_KEY = "worker-it-dead-letter-key-0123456789abcdef";

  private static DatabaseEndpoint database;
  private static KafkaProducer<String, byte[]> producer;

  private static TranslationEngine engine;

  @Autowired protected JdbcTemplate jdbc;
  @Autowired protected MeterRegistry meters;
  @Autowired protected WorkerProperties workerProperties;

  /**
   * The model the worker under test serves (the configured starter: these tests register no other
   * version), opened beside it once per test JVM, to compute what the worker should store.
   */
  protected TranslationEngine engine() {
    synchronized (WorkerIntegrationTest.class) {
      if (engine == null) {
        engine =
            TranslationEngine.open(
                workerProperties.resolvedModelBundle(), workerProperties.engineOptions());
      }
      return engine;
    }
  }

  private static synchronized DatabaseEndpoint database() {
    if (database == null) {
      database =
          SharedFixtures.database().createDatabase("worker_it_" + ProcessHandle.current().pid());
      Flyway.configure()
          .dataSource(database.jdbcUrl(), database.username(), database.password())
          .load()
          .migrate();
    }
    return database;
  }

  @DynamicPropertySource
  static void fixtures(DynamicPropertyRegistry registry) {
    DatabaseEndpoint db = database();
    registry.add("spring.datasource.url", db::jdbcUrl);
    registry.add("spring.datasource.username", db::username);
    registry.add("spring.datasource.password", db::password);
    registry.add("spring.kafka.bootstrap-servers", () -> SharedFixtures.kafka().bootstrapServers());
    String bundle = System.getProperty("starter.bundle");
    if (bundle != null) {
      registry.add("translation.worker.model-bundle", () -> bundle);
    }
    registry.add("translation.worker.lane", () -> "interactive");
    registry.add("translation.worker.dead-letters.signing-key", () -> DEAD_LETTER_KEY);
    // Fast retries so a test that exhausts them stays short.
    registry.add("translation.worker.retry.max-retries", () -> "2");
    registry.add("translation.worker.retry.initial-interval", () -> "100ms");
  }

  @AfterAll
  static void closeProducer() {
    // The producer is shared by all classes in the JVM; flushing is enough between classes.
    if (producer != null) {
      producer.flush();
    }
  }

  protected static synchronized KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  SharedFixtures.kafka().bootstrapServers(),
                  ProducerConfig.ACKS_CONFIG,
                  "all"),
              new StringSerializer(),
              new ByteArraySerializer());
    }
    return producer;
  }

  /** A QUEUED interactive job with one PENDING segment per text, stored as the API stores it. */
  protected String seedJob(List<String> texts) {
    return seedJob(texts, LanguagePair.GERMAN_TO_ENGLISH);
  }

  /** Like {@link #seedJob(List)}, for a job in {@code languages}. */
  protected String seedJob(List<String> texts, LanguagePair languages) {
    PipelineRows rows = new PipelineRows(jdbc.getDataSource());
    return rows.insertJob(rows.insertApiKey("worker-it"), languages, Lane.INTERACTIVE, texts);
  }

  /** The job's segments as messages of at most {@code perMessage} segments, in order. */
  protected static List<TranslationBatchMessage> messages(
      String jobId, List<String> texts, int perMessage) {
    List<TranslationBatchMessage> messages = new ArrayList<>();
    for (int start = 0; start < texts.size(); start += perMessage) {
      List<Integer> indexes =
          IntStream.range(start, Math.min(texts.size(), start + perMessage)).boxed().toList();
      messages.add(TranslationBatchMessage.of(jobId, indexes, Instant.now()));
    }
    return messages;
  }

  protected static void publish(TranslationBatchMessage message) {
    publish(message.jobId(), WireFormat.write(message).getBytes(StandardCharsets.UTF_8));
  }

  protected static void publish(String key, byte[] value) {
    send(new ProducerRecord<>(TOPIC, key, value));
  }

  /** Writes a record as any client of the broker could, waiting for the acknowledgement. */
  protected static void send(ProducerRecord<String, byte[]> record) {
    try {
      producer().send(record).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("publish failed", e);
    }
  }

  protected Job awaitJob(String jobId, JobStatus expected) {
    await()
        .atMost(JOB_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> job(jobId).status() == expected);
    return job(jobId);
  }

  protected Job job(String jobId) {
    return jdbc.queryForObject(
        "SELECT status, total_segments, done_segments, failed_segments, cancelled_segments,"
            + " started_at IS NOT NULL, finished_at IS NOT NULL FROM jobs WHERE id = ?",
        (row, n) ->
            new Job(
                JobStatus.valueOf(row.getString(1)),
                row.getInt(2),
                row.getInt(3),
                row.getInt(4),
                row.getInt(5),
                row.getBoolean(6),
                row.getBoolean(7)),
        jobId);
  }

  protected List<SegmentRow> segments(String jobId) {
    return jdbc.query(
        "SELECT idx, source_text, status, translation, model_version, error, attempts"
            + " FROM segments WHERE job_id = ? ORDER BY idx",
        (row, n) ->
            new SegmentRow(
                row.getInt(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getInt(7)),
        jobId);
  }

  /** Waits until the lane's consumer group has committed everything published to its topic. */
  protected static void awaitAllConsumed() {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedFixtures.kafka().bootstrapServers()))) {
      await()
          .atMost(JOB_TIMEOUT)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest =
                    IntStream.range(0, Topics.PARTITIONS)
                        .mapToObj(p -> new TopicPartition(TOPIC, p))
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                return admin.listOffsets(latest).all().get().entrySet().stream()
                    .allMatch(
                        end ->
                            end.getValue().offset() == 0
                                || (committed.get(end.getKey()) != null
                                    && committed.get(end.getKey()).offset()
                                        >= end.getValue().offset()));
              });
    }
  }

  protected double counter(String name, String... tags) {
    var counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  protected record Job(
      JobStatus status,
      int total,
      int done,
      int failed,
      int cancelled,
      boolean started,
      boolean finished) {}

  protected record SegmentRow(
      int index,
      String source,
      String status,
      String translation,
      String modelVersion,
      String error,
      int attempts) {}
}
