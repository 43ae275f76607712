package dev.translation.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.translation.contracts.Topics;
import dev.translation.launcher.TestWorkers;
import dev.translation.launcher.batch.ShardAssignment;
import dev.translation.testfixtures.DatabaseEndpoint;
import dev.translation.testfixtures.PipelineRows;
import dev.translation.testfixtures.SharedFixtures;
import dev.translation.topics.PipelineTopics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The launcher service with its local executor: batches launched through the API run as real child
 * processes (the batch runner), against a real MySQL-compatible server and Kafka, the test playing
 * the workers.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "translation.launcher.executor=local",
      "translation.launcher.storage.allow-private-urls=true",
      "translation.launcher.runner.poll-interval=200ms",
      "translation.launcher.runner.lines-per-chunk=100",
      "translation.launcher.relay.interval=200ms",
      "translation.launcher.local.initial-retry-delay=200ms",
      "translation.launcher.local.stop-grace=10s"
    })
class LocalLauncherIT {

  static final Path ROOT = temporaryDirectory();
  static final Path INPUT = ROOT.resolve("input");
  static final Path OUTPUT = ROOT.resolve("output");
  static final JsonMapper JSON = JsonMapper.builder().build();
  static DatabaseEndpoint database;

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  JdbcClient jdbc;
  PipelineRows rows;
  String key;
  TestWorkers workers;
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    database = SharedFixtures.database().createDatabase("launcher_local");
    registry.add("spring.datasource.url", database::jdbcUrl);
    registry.add("spring.datasource.username", database::username);
    registry.add("spring.datasource.password", database::password);
    registry.add("spring.kafka.bootstrap-servers", () -> SharedFixtures.kafka().bootstrapServers());
    registry.add("translation.launcher.storage.input-root", INPUT::toString);
    registry.add("translation.launcher.storage.output-root", OUTPUT::toString);
    registry.add("translation.launcher.local.log-directory", () -> ROOT.resolve("logs").toString());
  }

  @BeforeAll
  static void topics() throws IOException {
    Files.createDirectories(INPUT);
    PipelineTopics.create(SharedFixtures.kafka().bootstrapServers(), Topics.ALL, (short) 1);
  }

  @AfterEach
  void stopWorkers() {
    if (workers != null) {
      workers.close();
    }
  }

  private void setUp() {
    if (jdbc == null) {
      jdbc = JdbcClient.create(dataSource);
      rows = new PipelineRows(dataSource);
    }
    key = "key-" + UUID.randomUUID();
    jdbc.sql(
            "INSERT INTO api_keys (name, key_hash, max_texts_per_request, max_chars_per_text,"
                + " requests_per_minute) VALUES ('batch owner', SHA2(?, 256), 1000, 10000, 600)")
        .params(key)
        .update();
  }

  private void startWorkers() {
    workers = new TestWorkers(SharedFixtures.kafka().bootstrapServers(), dataSource, "en ");
  }

  @Test
  void aBatchLaunchedThroughTheApiRunsItsShardsAsProcessesAndSucceeds() throws Exception {
    setUp();
    startWorkers();
    List<String> lines = IntStream.range(0, 300).mapToObj(n -> "Satz " + n + ".").toList();
    Files.write(INPUT.resolve("small.txt"), lines);

    HttpResponse<String> launched =
        post("{\"input\": \"small.txt\", \"output\": \"small\", \"shards\": 2}");

    assertThat(launched.statusCode()).as(launched.body()).isEqualTo(201);
    String id = JSON.readTree(launched.body()).path("id").asString();
    assertThat(launched.headers().firstValue("Location")).hasValue("/v1/batches/" + id);
    JsonNode done = awaitFinished(id, Duration.ofMinutes(2));
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.path("progress").path("segmentsDone").asLong()).isEqualTo(300);
    assertThat(done.path("progress").path("shardsSucceeded").asLong()).isEqualTo(2);
    assertThat(done.path("attempts").asInt()).isEqualTo(2);
    assertThat(done.path("summary").path("segments").path("translated").asLong()).isEqualTo(300);
    assertThat(Files.readAllLines(OUTPUT.resolve("small/small.txt")))
        .containsExactlyElementsOf(lines.stream().map(l -> "en " + l).toList());
    assertThat(get("/v1/batches/" + id + "/shards/1/log?lines=500").body())
        .contains("attempt of shard 1 starts");
  }

  @Test
  void aShardKilledWithSigkillIsRetriedAndItsOutputIsCompleteInOrderAndExactlyOnce()
      throws Exception {
    setUp();
    List<String> lines = IntStream.range(0, 20_000).mapToObj(n -> "Zeile " + n + ".").toList();
    Files.write(INPUT.resolve("large.txt"), lines);
    String id =
        JSON.readTree(post("{\"input\": \"large.txt\", \"output\": \"large\"}").body())
            .path("id")
            .asString();
    String job = new ShardAssignment(id, 0).jobId();

    await().atMost(Duration.ofMinutes(1)).until(() -> itemsRead(id) >= 2_000);
    ProcessHandle runner = runnerProcess(id).orElseThrow();
    runner.destroyForcibly();
    runner.onExit().get();
    startWorkers();
    JsonNode done = awaitFinished(id, Duration.ofMinutes(3));

    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.path("attempts").asInt()).isEqualTo(2);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*), COUNT(DISTINCT idx), MAX(idx) FROM segments WHERE job_id = ?")
                .params(job)
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single())
        .containsExactly(20_000L, 20_000L, 19_999L);
    assertThat(workers.requested(job)).hasSize(20_000);
    assertThat(Files.readAllLines(OUTPUT.resolve("large/large.txt")))
        .containsExactlyElementsOf(lines.stream().map(l -> "en " + l).toList());
    assertThat(get("/v1/batches/" + id + "/shards/0/log?lines=5000").body())
        .contains("was left STARTED by an attempt that was killed; recovering it");
  }

  @Test
  void aCorpusThatIsNotUtf8FailsTheBatchAtOnceWithoutRetries() throws Exception {
    setUp();
    Files.write(
        INPUT.resolve("latin1.jsonl"),
        "{\"text\": \"Gr\u00fc\u00dfe\"}\n".getBytes(StandardCharsets.ISO_8859_1));

    String id =
        JSON.readTree(post("{\"input\": \"latin1.jsonl\", \"output\": \"latin1\"}").body())
            .path("id")
            .asString();
    JsonNode failed = awaitFinished(id, Duration.ofMinutes(1));

    assertThat(failed.path("status").asString()).isEqualTo("failed");
    assertThat(failed.path("attempts").asInt()).isEqualTo(1);
    assertThat(failed.path("reason").asString()).contains("line 1 of the corpus is not UTF-8 text");
  }

  @Test
  void aMissingInputIsRefusedAtLaunch() throws Exception {
    setUp();

    HttpResponse<String> response = post("{\"input\": \"nowhere.txt\", \"output\": \"x\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(response.body()).path("detail").asString())
        .isEqualTo("no such input: nowhere.txt");
  }

  @Test
  void cancellingStopsTheProcessAndCancelsWhatWasNotTranslated() throws Exception {
    setUp();
    Files.write(
        INPUT.resolve("cancel.txt"), IntStream.range(0, 1000).mapToObj(n -> "Satz " + n).toList());
    String id =
        JSON.readTree(post("{\"input\": \"cancel.txt\", \"output\": \"cancel\"}").body())
            .path("id")
            .asString();
    await().atMost(Duration.ofMinutes(1)).until(() -> "await".equals(phase(id)));

    HttpResponse<String> cancelled = send(request("/v1/batches/" + id).DELETE());

    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    assertThat(JSON.readTree(cancelled.body()).path("status").asString()).isEqualTo("cancelled");
    await().atMost(Duration.ofSeconds(30)).until(() -> runnerProcess(id).isEmpty());
    // The process was asked to stop (SIGTERM): its Spring Batch execution ended STOPPED, so it
    // could be restarted, not FAILED or left STARTED.
    assertThat(
            jdbc.sql(
                    "SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p"
                        + " ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID WHERE p.PARAMETER_NAME ="
                        + " 'batch.id' AND p.PARAMETER_VALUE = ?")
                .params(id)
                .query(String.class)
                .list())
        .containsExactly("STOPPED");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM segments WHERE job_id = ? AND status = 'CANCELLED'")
                .params(new ShardAssignment(id, 0).jobId())
                .query(Long.class)
                .single())
        .isEqualTo(1000);
    assertThat(send(request("/v1/batches/" + id).DELETE()).statusCode()).isEqualTo(200);
  }

  @Test
  void anOutputAnotherUnfinishedBatchWritesToIsRefusedHoweverItIsSpelled() throws Exception {
    setUp();
    Files.write(INPUT.resolve("busy.txt"), List.of("Eins.", "Zwei."));
    String first =
        JSON.readTree(post("{\"input\": \"busy.txt\", \"output\": \"busy\"}").body())
            .path("id")
            .asString();

    HttpResponse<String> second = post("{\"input\": \"busy.txt\", \"output\": \"./busy/\"}");
    send(request("/v1/batches/" + first).DELETE());

    assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
    assertThat(JSON.readTree(second.body()).path("detail").asString())
        .isEqualTo("batch " + first + " is still writing to busy; choose another output");
  }

  @Test
  void theApiIsDescribedByOpenApi() throws Exception {
    HttpResponse<String> docs =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(docs.body()).path("paths").propertyNames())
        .contains("/v1/batches", "/v1/batches/{id}", "/v1/batches/{id}/shards/{shard}/log");
  }

  @Test
  void batchesAreTheirOwnersOnly() throws Exception {
    setUp();
    Files.writeString(INPUT.resolve("mine.txt"), "Hallo.\n");
    String id =
        JSON.readTree(post("{\"input\": \"mine.txt\", \"output\": \"mine\"}").body())
            .path("id")
            .asString();
    send(request("/v1/batches/" + id).DELETE());
    String owner = key;
    setUp();

    assertThat(get("/v1/batches/" + id).statusCode()).isEqualTo(404);
    key = owner;
    assertThat(get("/v1/batches/" + id).statusCode()).isEqualTo(200);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/batches"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(401);
  }

  private JsonNode awaitFinished(String id, Duration atMost) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              last[0] = JSON.readTree(get("/v1/batches/" + id).body());
              return List.of("succeeded", "partially_failed", "failed", "cancelled")
                  .contains(last[0].path("status").asString());
            });
    return last[0];
  }

  private long itemsRead(String id) {
    return jdbc.sql("SELECT items_read FROM corpus_batch_shards WHERE batch_id = ?")
        .params(id)
        .query(Long.class)
        .single();
  }

  private String phase(String id) {
    return jdbc.sql("SELECT phase FROM corpus_batch_shards WHERE batch_id = ?")
        .params(id)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private static Optional<ProcessHandle> runnerProcess(String batchId) {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> commandLine(p).contains("--batch-id=" + batchId + " "))
        .findFirst();
  }

  /** The process's command line as Linux has it (the JDK's view is cut short for long ones). */
  private static String commandLine(ProcessHandle process) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
          .replace('\0', ' ');
    } catch (IOException gone) {
      return "";
    }
  }

  private HttpResponse<String> post(String json) throws Exception {
    return send(
        request("/v1/batches")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(request(path).GET());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer " + key);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("launcher-it");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
