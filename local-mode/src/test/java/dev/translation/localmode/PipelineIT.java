package dev.translation.localmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  private static Path data;
  private static LocalPipeline pipeline;
  private static PipelineClient client;

  @BeforeAll
  static void start() throws Exception {
    Path root = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();
    data = Files.createTempDirectory("pipeline-it");
    Path model =
        Path.of(
            System.getProperty(
                "starter.bundle", root.resolve("models/de-en-starter/1").toString()));
    pipeline =
        new LocalPipeline(
                new LocalPipeline.Settings(
                    data,
                    root,
                    model,
                    freePort(),
                    List.of(freePort(), freePort()),
                    null,
                    null,
                    Map.of("TRANSLATION_API_LIMITS_REQUESTSPERMINUTE", "100000")))
            .start();
    client = new PipelineClient(pipeline.apiUrl(), pipeline.apiKey());
  }

  @AfterAll
  static void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
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
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 800; i++) {
      texts.add(SENTENCES.get(i % SENTENCES.size()) + " (" + i + ")");
    }
    String id = accepted(client.submit(texts, ""));
    AppProcess batchWorker = pipeline.worker(1);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> client.job(id).body().get("counts").get("done").asInt() > 0);

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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
