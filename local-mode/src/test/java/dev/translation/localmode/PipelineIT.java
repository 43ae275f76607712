package dev.translation.localmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.translation.contracts.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole pipeline as a user runs it: real MariaDB and Kafka, the submit API and both workers as
 * separate processes from their jars, and the starter model.
 */
class PipelineIT {

  private static final List<String> SENTENCES =
      List.of(
          "Guten Morgen.",
          "Ich habe Hunger.",
          "Wo ist der Bahnhof?",
          "Das Wetter ist schön.",
          "Wir gehen nach Hause.",
          "Der Hund schläft.",
          "Ich trinke Wasser.",
          "Das Buch ist neu.",
          "Er liest eine Zeitung.",
          "Sie kauft Brot.");

  /** The API's default: a job's segments travel in Kafka messages of this many, in order. */
  private static final int SEGMENTS_PER_MESSAGE = 32;

  private static final String BATCH_GROUP = "worker-batch";

  private static Path data;
  private static LocalPipeline pipeline;
  private static PipelineClient client;

  @BeforeAll
  static void start() throws Exception {
    Path root =
        BuiltRepository.withJars("submit-api/target/submit-api.jar", "worker/target/worker.jar");
    data = Files.createTempDirectory("pipeline-it");
    Path model =
        Path.of(
            System.getProperty(
                "starter.bundle", root.resolve("models/de-en-starter/4").toString()));
    pipeline =
        new LocalPipeline(
                new LocalPipeline.Settings(
                    data,
                    root,
                    model,
                    BuiltRepository.freePort(),
                    List.of(BuiltRepository.freePort(), BuiltRepository.freePort()),
                    null,
                    null,
                    Map.of(
                        "TRANSLATION_API_LIMITS_REQUESTSPERMINUTE",
                        "100000",
                        // Calls of 64 segments, so a worker stopped mid-job has work left to hand
                        // back: with the batch lane's 256, the calls in progress could finish a
                        // whole 960-segment job.
                        "TRANSLATION_WORKER_BATCHING_MAXSEGMENTS",
                        "64"),
                    null))
            .start();
    client = new PipelineClient(pipeline.apiUrl(), pipeline.apiKey());
  }

  @AfterAll
  static void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
    TestData.keepOnlyLogs(data);
  }

  @Test
  void thousandSegmentJobCompletesWithExactlyThousandResultsInOrder() throws Exception {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      texts.add(SENTENCES.get(i % SENTENCES.size()));
    }

    String id = accepted(client.submit(texts, ""));
    awaitTerminal(id, Duration.ofMinutes(5));

    JsonNode job = client.job(id).body();
    assertThat(job.get("status").asString()).isEqualTo("succeeded");
    assertThat(job.get("counts").get("done").asInt()).isEqualTo(1000);
    JsonNode segments = client.result(id).body().get("segments");
    assertThat(segments.size()).isEqualTo(1000);
    Set<String> distinct = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      JsonNode segment = segments.get(i);
      assertThat(segment.get("index").asInt()).isEqualTo(i);
      assertThat(segment.get("translation").asString()).isNotBlank();
      // Identical sources get identical translations, so a shuffled result breaks this pattern.
      assertThat(segment.get("translation").asString())
          .isEqualTo(segments.get(i % SENTENCES.size()).get("translation").asString());
      distinct.add(segment.get("translation").asString());
    }
    assertThat(distinct).hasSizeGreaterThan(SENTENCES.size() / 2);
  }

  @Test
  void workerKilledMidJobIsReplacedAndTheJobCompletesWithNothingLostOrDuplicated()
      throws Exception {
    List<String> texts = distinctTexts(800, " (%d)");
    String id = submitAndAwaitFirstResults(texts);
    AppProcess batchWorker = pipeline.worker(1);

    batchWorker.kill();
    int doneAtKill = client.job(id).body().get("counts").get("done").asInt();
    batchWorker.start().awaitReady(Duration.ofMinutes(3));
    awaitTerminal(id, Duration.ofMinutes(5));

    JsonNode job = client.job(id).body();
    assertThat(doneAtKill).isLessThan(800);
    assertThat(job.get("status").asString()).isEqualTo("succeeded");
    assertThat(job.get("counts").get("done").asInt()).isEqualTo(800);
    JsonNode segments = client.result(id).body().get("segments");
    Set<Integer> indexes = new HashSet<>();
    segments.forEach(s -> indexes.add(s.get("index").asInt()));
    assertThat(segments.size()).isEqualTo(800);
    assertThat(indexes).hasSize(800);
  }

  @Test
  void workerStoppedMidJobFinishesItsPollCommitsItAndLeavesTheGroupPromptly() throws Exception {
    List<String> texts = distinctTexts(960, " [%d]");
    String id = submitAndAwaitFirstResults(texts);
    AppProcess batchWorker = pipeline.worker(1);

    long stopping = System.nanoTime();
    batchWorker.stop(Duration.ofSeconds(90)); // SIGTERM; SIGKILL only if it overstays 90 s
    Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);

    JsonNode segments = client.result(id).body().get("segments");
    int messagesNotDone = 0;
    for (int first = 0; first < texts.size(); first += SEGMENTS_PER_MESSAGE) {
      boolean done = true;
      for (int i = first; i < Math.min(texts.size(), first + SEGMENTS_PER_MESSAGE); i++) {
        done &= "done".equals(segments.get(i).get("status").asString());
      }
      messagesNotDone += done ? 0 : 1;
    }
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafkaBootstrapServers()))) {
      assertThat(
              admin
                  .describeConsumerGroups(List.of(BATCH_GROUP))
                  .all()
                  .get()
                  .get(BATCH_GROUP)
                  .members())
          .as("the stopped worker left its consumer group")
          .isEmpty();
      // Earlier jobs on this topic are finished and committed, so every uncommitted record is one
      // of this job's messages, and every message not stored must still be uncommitted.
      assertThat(uncommittedRecords(admin))
          .as(
              "records not committed = messages not stored (%d of %d)",
              messagesNotDone, texts.size() / SEGMENTS_PER_MESSAGE)
          .isEqualTo(messagesNotDone);
    }
    // One micro-batch (64 segments) finishes; the rest of the poll is handed back.
    assertThat(stopTook).isLessThan(Duration.ofSeconds(20));
    assertThat(messagesNotDone).as("stopped mid-job").isPositive();

    batchWorker.start().awaitReady(Duration.ofMinutes(3));
    awaitTerminal(id, Duration.ofMinutes(5));
    JsonNode job = client.job(id).body();
    assertThat(job.get("status").asString()).isEqualTo("succeeded");
    assertThat(job.get("counts").get("done").asInt()).isEqualTo(texts.size());
  }

  private static long uncommittedRecords(Admin admin) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(BATCH_GROUP).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int partition = 0; partition < Topics.PARTITIONS; partition++) {
      latest.put(new TopicPartition(Topics.TRANSLATE_BATCH, partition), OffsetSpec.latest());
    }
    long uncommitted = 0;
    for (var end : admin.listOffsets(latest).all().get().entrySet()) {
      OffsetAndMetadata position = committed.get(end.getKey());
      uncommitted += end.getValue().offset() - (position == null ? 0 : position.offset());
    }
    return uncommitted;
  }

  @Test
  void jobsAcceptedWhileKafkaIsDownCompleteOnceItIsBack() throws Exception {
    pipeline.kafka().stop();
    List<String> ids = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        ids.add(accepted(client.submit(List.of("Ich habe Hunger.", "Job " + i), "")));
      }
    } finally {
      pipeline.kafka().start();
    }

    for (String id : ids) {
      awaitTerminal(id, Duration.ofMinutes(3));
      assertThat(client.job(id).body().get("status").asString()).isEqualTo("succeeded");
    }
  }

  @Test
  void singleSentenceWithWaitNeedsOneRoundTrip() throws Exception {
    PipelineClient.Reply reply = client.submit(List.of("Guten Morgen."), "?wait=10s");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().get("segments").get(0).get("translation").asString()).isNotBlank();
    // The answer is the job with its segments, exactly as the result endpoint shows it.
    assertThat(reply.body()).isEqualTo(client.result(reply.body().get("id").asString()).body());
  }

  @Test
  void anotherKeysBulkWorkDoesNotHoldUpASentence() throws Exception {
    // Given a second key, and how long single sentences take on an otherwise idle pipeline
    PipelineClient bulk = new PipelineClient(pipeline.apiUrl(), pipeline.createApiKey("bulk-it"));
    List<Long> idle = sentenceLatencies("idle %d", 15);

    // When that key has a 10,000-character text and a 500-text job in flight
    StringBuilder longText = new StringBuilder();
    for (int i = 0; longText.length() < 9_990; i++) {
      longText.append("Der Satz Nummer ").append(i).append(" ist lang genug. ");
    }
    String big = accepted(bulk.submit(List.of(longText.substring(0, 9_990)), ""));
    String many = accepted(bulk.submit(distinctTexts(500, " [%d]"), ""));
    assertThat(List.of(big, many))
        .allSatisfy(
            id -> assertThat(bulk.job(id).body().get("lane").asString()).isEqualTo("batch"));
    // Measured while the bulk work is in flight (accepted and not finished), from right after it
    // was accepted: the batch lane's worker takes it within a fraction of a second.
    List<Long> loaded = new ArrayList<>();
    for (String text : distinctTexts(15, " loaded %d")) {
      if (finished(bulk, big) && finished(bulk, many)) {
        break;
      }
      loaded.add(sentenceLatency(text));
    }

    // Then the sentences were not held up by it (the benchmark measures the ratio precisely; this
    // bound is generous for a loaded CI machine)
    assertThat(loaded).as("sentences measured while the bulk work ran").hasSizeGreaterThan(4);
    assertThat(p95(loaded))
        .as("p95 ms with bulk work in flight, idle p95 %d ms", p95(idle))
        .isLessThanOrEqualTo(3 * p95(idle) + 150);
  }

  private static boolean finished(PipelineClient owner, String id) throws Exception {
    return !Set.of("queued", "running").contains(owner.job(id).body().get("status").asString());
  }

  /** Milliseconds a distinct one-sentence {@code ?wait} submit took. */
  private static long sentenceLatency(String text) throws Exception {
    long start = System.nanoTime();
    PipelineClient.Reply reply = client.submit(List.of(text), "?wait=10s");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(reply.status()).as("answer to %s", text).isEqualTo(200);
    return millis;
  }

  /** Milliseconds each of {@code count} distinct one-sentence {@code ?wait} submits took. */
  private static List<Long> sentenceLatencies(String suffix, int count) throws Exception {
    List<Long> latencies = new ArrayList<>();
    for (String text : distinctTexts(count, " " + suffix)) {
      latencies.add(sentenceLatency(text));
    }
    return latencies;
  }

  private static long p95(List<Long> latencies) {
    List<Long> sorted = latencies.stream().sorted().toList();
    return sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
  }

  /**
   * {@code count} texts, each one sentence with its index put in by {@code suffix} before the
   * sentence's final punctuation (so it stays one sentence, one segment).
   */
  private static List<String> distinctTexts(int count, String suffix) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String sentence = SENTENCES.get(i % SENTENCES.size());
      int end = sentence.length() - 1;
      texts.add(sentence.substring(0, end) + String.format(suffix, i) + sentence.charAt(end));
    }
    return texts;
  }

  /** Submits a batch-lane job and returns its id once its first segments are translated. */
  private static String submitAndAwaitFirstResults(List<String> texts) throws Exception {
    String id = accepted(client.submit(texts, ""));
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> client.job(id).body().get("counts").get("done").asInt() > 0);
    return id;
  }

  private static String accepted(PipelineClient.Reply reply) {
    assertThat(reply.status()).as("submit answered %s", reply.body()).isEqualTo(202);
    return reply.body().get("id").asString();
  }

  private static void awaitTerminal(String id, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                Set.of("succeeded", "partially_failed", "failed", "cancelled")
                    .contains(client.job(id).body().get("status").asString()));
  }
}
