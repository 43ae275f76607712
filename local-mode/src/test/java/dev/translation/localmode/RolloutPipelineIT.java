package dev.translation.localmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model rollout in a running local pipeline: a second version (the starter's weights registered
 * under a new version by a refresh job) is promoted while users submit, then the old one runs as a
 * canary on 30 % of segments, then both steps are rolled back. Every worker follows the registry
 * through model.events; no request fails on the way.
 */
class RolloutPipelineIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String STARTER = "de-en-starter@4";
  private static final String SECOND = "de-en-starter@5";
  private static final Duration ROLLOUT_TARGET = Duration.ofSeconds(10);

  private static Path root;
  private static List<Integer> workerPorts;
  private static Path data;
  private static LocalPipeline pipeline;
  private static PipelineClient api;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    root =
        BuiltRepository.withJars(
            "submit-api/target/submit-api.jar",
            "worker/target/worker.jar",
            "job-launcher/target/job-launcher.jar");
    data = Files.createTempDirectory("rollout-pipeline-it");
    workerPorts = List.of(BuiltRepository.freePort(), BuiltRepository.freePort());
    pipeline =
        new LocalPipeline(
                new LocalPipeline.Settings(
                    data,
                    root,
                    root.resolve("models/de-en-starter/4"),
                    BuiltRepository.freePort(),
                    workerPorts,
                    null,
                    null,
                    // Quick gates: the refresh compares on 20 sentences. Workers re-read the
                    // registry only every 5 minutes, so the rollouts below come from model.events.
                    Map.of(
                        "TRANSLATION_LAUNCHER_MODELS_EVALUATIONMAXSENTENCES", "20",
                        "TRANSLATION_WORKER_MODELS_RECHECKINTERVAL", "5m"),
                    new LocalPipeline.Launcher(
                        BuiltRepository.freePort(), Files.createDirectories(data.resolve("in")))))
            .start();
    api = new PipelineClient(pipeline.apiUrl(), pipeline.apiKey());
  }

  @AfterAll
  static void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
    TestData.keepOnlyLogs(data);
  }

  @Test
  void aPromotionACanaryAndTheirRollbacksReachEveryWorkerWithinSecondsAndNoRequestFails()
      throws Exception {
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> launcher("GET", "/v1/models", null).path("rollouts").size() == 1);

    // A refresh registers the starter's weights as version 5 (they pass the gate: same scores).
    Path second = data.resolve("models/de-en-starter/5");
    ModelManifest manifest = ModelBundle.readManifest(root.resolve("models/de-en-starter/4"));
    ModelBundle.create(
        second,
        root.resolve("models/de-en-starter/4/model.pt"),
        root.resolve("models/de-en-starter/4/sentencepiece.model"),
        manifest.withVersion("5"));
    String job =
        launcher("POST", "/v1/model-jobs/refresh", "{\"bundleUri\": \"" + second.toUri() + "\"}")
            .path("id")
            .asString();
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                !launcher("GET", "/v1/model-jobs/" + job, null)
                    .path("status")
                    .asString()
                    .matches("QUEUED|RUNNING"));
    JsonNode refreshed = launcher("GET", "/v1/model-jobs/" + job, null);
    assertThat(refreshed.path("status").asString()).as(refreshed.toString()).isEqualTo("SUCCEEDED");

    // Users submit all along; the promotion happens in the middle.
    Stream stream = new Stream();
    Thread users = Thread.ofPlatform().start(stream);
    await().atMost(Duration.ofSeconds(30)).until(() -> stream.answers().size() >= 5);
    long promotedAt = System.nanoTime();
    launcher("POST", "/v1/models/" + SECOND + "/promote", null);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                stream.answers().stream()
                    .anyMatch(a -> a.sentAt() > promotedAt + ROLLOUT_TARGET.toNanos()));
    stream.stop();
    users.join();

    List<Answer> answers = stream.answers();
    assertThat(answers).allSatisfy(a -> assertThat(a.failure()).as(a.toString()).isNull());
    Answer firstOnSecond =
        answers.stream().filter(a -> SECOND.equals(a.version())).findFirst().orElseThrow();
    assertThat(Duration.ofNanos(firstOnSecond.sentAt() - promotedAt)).isLessThan(ROLLOUT_TARGET);
    assertThat(answers)
        .filteredOn(a -> a.sentAt() > promotedAt + ROLLOUT_TARGET.toNanos())
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.version()).isEqualTo(SECOND));
    assertThat(answers)
        .filteredOn(a -> a.sentAt() < promotedAt)
        .allSatisfy(a -> assertThat(a.version()).isEqualTo(STARTER));

    // The old version as a canary on 30 % of segments, on both lanes' workers.
    launcher("POST", "/v1/models/" + STARTER + "/canary", "{\"percent\": 30}");
    awaitWorkers("role=\"canary\"");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      texts.add("Satz Nummer " + i + " ist hier.");
    }
    Map<String, Integer> versions = versionsOf(texts);
    assertThat(versions.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
    assertThat(versions.getOrDefault(STARTER, 0)).isBetween(200, 400);
    assertThat(versions.getOrDefault(SECOND, 0)).isBetween(600, 800);

    // Rollback ends the canary; a second rollback brings the old version back.
    launcher("POST", "/v1/rollouts/de-en/rollback", null);
    long rolledBackAt = System.nanoTime();
    launcher("POST", "/v1/rollouts/de-en/rollback", null);
    await()
        .atMost(ROLLOUT_TARGET)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> STARTER.equals(translate("Guten Morgen " + System.nanoTime() + ".").version()));
    assertThat(Duration.ofNanos(System.nanoTime() - rolledBackAt)).isLessThan(ROLLOUT_TARGET);
    awaitWorkers("model_version=\"" + STARTER + "\",role=\"active\"");
  }

  /** Waits until both workers' metrics show {@code fragment} on their served-model gauge. */
  private static void awaitWorkers(String fragment) {
    for (int port : workerPorts) {
      await()
          .atMost(ROLLOUT_TARGET)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  HTTP.send(
                          HttpRequest.newBuilder(
                                  URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body()
                      .lines()
                      .anyMatch(
                          l -> l.startsWith("translation_model_info") && l.contains(fragment)));
    }
  }

  /** How many of the texts each version translated (one sentence each: one segment each). */
  private static Map<String, Integer> versionsOf(List<String> texts) throws Exception {
    PipelineClient.Reply submitted = api.submit(texts, "");
    assertThat(submitted.status()).as(String.valueOf(submitted.body())).isIn(200, 202);
    String id = submitted.body().path("id").asString();
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> api.job(id).body().path("status").asString().equals("succeeded"));
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (JsonNode text : api.result(id).body().path("segments")) {
      counts.merge(text.path("model").asString(), 1, Integer::sum);
    }
    return counts;
  }

  private static Answer translate(String text) {
    long sentAt = System.nanoTime();
    try {
      PipelineClient.Reply reply = api.submit(List.of(text), "?wait=20s");
      if (reply.status() != 200) {
        return new Answer(sentAt, null, "HTTP " + reply.status() + ": " + reply.body());
      }
      JsonNode first = reply.body().path("segments").get(0);
      if (!"done".equals(first.path("status").asString())) {
        return new Answer(sentAt, null, "not done: " + reply.body());
      }
      return new Answer(sentAt, first.path("model").asString(), null);
    } catch (Exception e) {
      return new Answer(sentAt, null, e.toString());
    }
  }

  private static JsonNode launcher(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(pipeline.launcherUrl().resolve(path))
            .header("Authorization", "Bearer " + pipeline.apiKey());
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isIn(200, 201);
    return JSON.readTree(response.body());
  }

  /** One user's request: when it was sent, the version that answered it, or why it failed. */
  private record Answer(long sentAt, String version, String failure) {}

  /** A user submitting a new sentence about every 100 ms, each waiting for its translation. */
  private static final class Stream implements Runnable {
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);

    @Override
    public void run() {
      int n = 0;
      while (running.get()) {
        answers.add(translate("Der Zug Nummer " + n++ + " kommt heute später."));
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stop() {
      running.set(false);
    }

    List<Answer> answers() {
      synchronized (answers) {
        return List.copyOf(answers);
      }
    }
  }
}
