package dev.translation.launcher.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.translation.contracts.Topics;
import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.launcher.persistence.ModelRegistryRepository;
import dev.translation.testfixtures.DatabaseEndpoint;
import dev.translation.testfixtures.SharedFixtures;
import dev.translation.topics.PipelineTopics;
import dev.translation.training.marian.MarianImport;
import dev.translation.training.trainer.BundleTraining;
import dev.translation.training.trainer.Hyperparameters;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
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
 * Model refreshes launched through the launcher's API and run by its local executor as real batch
 * runner processes, against a real MySQL-compatible server and Kafka: a bundle that fails its
 * checksums is refused as bad input, a worse model is rejected by the gate and not registered, and
 * a model that passes is registered with its scores (and promoted when asked).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "translation.launcher.executor=local",
      "translation.launcher.relay.interval=200ms",
      "translation.launcher.local.initial-retry-delay=200ms",
      "translation.launcher.models.evaluation-max-sentences=40",
      "translation.launcher.models.gate-test-sets=phrase-sentences-test"
    })
class ModelJobsIT {

  static final Path ROOT = temporaryDirectory();
  static final Path MODELS = ROOT.resolve("models");
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String STARTER = "de-en-starter@4";
  static DatabaseEndpoint database;

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired ModelRegistryRepository registry;

  LauncherApi api;

  private LauncherApi api() {
    if (api == null) {
      api = new LauncherApi(port, dataSource);
    }
    return api;
  }

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    database = LauncherApi.servers(registry, "launcher_model_jobs");
    registry.add("translation.launcher.storage.input-root", () -> ROOT.resolve("input").toString());
    registry.add(
        "translation.launcher.storage.output-root", () -> ROOT.resolve("output").toString());
    registry.add("translation.launcher.local.log-directory", () -> ROOT.resolve("logs").toString());
    registry.add("translation.launcher.models.directory", MODELS::toString);
    registry.add(
        "translation.launcher.models.work-directory", () -> ROOT.resolve("work").toString());
    registry.add(
        "translation.launcher.models.cache-directory", () -> ROOT.resolve("cache").toString());
  }

  @BeforeAll
  static void topics() throws IOException {
    Files.createDirectories(ROOT.resolve("input"));
    PipelineTopics.create(SharedFixtures.kafka().bootstrapServers(), Topics.ALL, (short) 1);
  }

  @Test
  void refreshesAreCheckedGatedRegisteredAndPromoted() throws Exception {
    String manager = api().apiKey(true);
    Path starter = ModelBundle.open(starterDirectory()).directory();

    // Refused up front: no bundle, a bundle outside the models volume, a key without model rights.
    assertThat(refresh(manager, "{}").statusCode()).isEqualTo(422);
    assertThat(refresh(manager, "{\"bundleUri\": \"file:/etc/\"}").statusCode()).isEqualTo(422);
    assertThat(refresh(api().apiKey(false), body(copy(starter, "5"), null)).statusCode())
        .isEqualTo(403);

    // A bundle whose model.json is not the one named: bad input, no retry, nothing registered.
    Path same = copy(starter, "5");
    JsonNode wrongSum = finished(launched(refresh(manager, body(same, "0".repeat(64)))));
    assertThat(wrongSum.path("status").asString()).isEqualTo("FAILED");
    assertThat(wrongSum.path("reason").asString()).contains("model.json has SHA-256");
    assertThat(wrongSum.path("attempts").asInt()).isEqualTo(1);

    // A file changed after its model.json was written: bad input too.
    Path tampered = copy(starter, "6");
    Files.write(tampered.resolve("sentencepiece.model"), new byte[] {1}, StandardOpenOption.APPEND);
    JsonNode tamperedJob = finished(launched(refresh(manager, body(tampered, null))));
    assertThat(tampered.resolve("model.json")).exists();
    assertThat(tamperedJob.path("status").asString()).isEqualTo("FAILED");
    assertThat(tamperedJob.path("reason").asString()).contains("sentencepiece.model");
    assertThat(tamperedJob.path("attempts").asInt()).isEqualTo(1);

    // A worse model: the gate rejects it and it is not registered.
    Path worse = ruined(starter, "7");
    JsonNode rejected = finished(launched(refresh(manager, body(worse, null))));
    assertThat(rejected.path("status").asString()).as(rejected.toString()).isEqualTo("REJECTED");
    assertThat(rejected.path("reason").asString()).contains("phrase-sentences-test", "beyond");
    assertThat(rejected.path("result").path("gate").path("passed").asBoolean()).isFalse();
    assertThat(registry.find("de-en-starter@7")).isEmpty();

    // The same weights under a new version pass (equal scores) and are promoted, as asked.
    String promote = body(same, null).replace("}", ", \"then\": \"promote\"}");
    JsonNode passed = finished(launched(refresh(manager, promote)));
    assertThat(passed.path("status").asString()).as(passed.toString()).isEqualTo("SUCCEEDED");
    assertThat(passed.path("modelId").asString()).isEqualTo("de-en-starter@5");
    assertThat(passed.path("result").path("rollout").asString()).isEqualTo("promoted");
    ModelVersion registered = registry.find("de-en-starter@5").orElseThrow();
    assertThat(registered.state()).isEqualTo(ModelState.ACTIVE);
    // Registered from a copy on the models volume, named by its model.json checksum: the source
    // may change or go away.
    assertThat(Path.of(registered.bundleUri()))
        .isEqualTo(MODELS.resolve("registry").resolve(registered.checksums().get("model.json")));
    assertThat(ModelBundle.checksums(Path.of(registered.bundleUri())))
        .isEqualTo(registered.checksums());
    assertThat(registered.checksums())
        .containsKeys("model.json", "model.pt", "sentencepiece.model");
    ModelManifest.Metric gated =
        registered.metrics().stream()
            .filter(m -> m.testSet().equals("phrase-sentences-test") && m.sentences() == 40)
            .findFirst()
            .orElseThrow();
    assertThat(gated.chrf()).isPositive();
    assertThat(registered.lineage()).containsEntry("refreshedFrom", same.toUri().toString());
    assertThat(registry.find(STARTER).orElseThrow().state()).isEqualTo(ModelState.RETIRED);

    // The same bundle again (a scheduled refresh of an unchanged "latest"): nothing to do.
    JsonNode again = finished(launched(refresh(manager, body(same, null))));
    assertThat(again.path("status").asString()).as(again.toString()).isEqualTo("SUCCEEDED");
    assertThat(again.path("reason").asString()).contains("nothing new");
    assertThat(again.path("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void anImportedOpusMtBundleIsRefreshedLikeAnyOther() throws Exception {
    // A Marian checkpoint converted by the model tools: another tokenizer, other special ids and
    // decoding settings, all in its model.json; the refresh needs nothing else to evaluate it.
    Path imported = MODELS.resolve("tiny-de-en").resolve("1");
    MarianImport.run(
        MarianImport.Request.of(
            Path.of("../model-training/src/test/resources/marian/tiny-de-en"), imported),
        line -> {});
    // The synthetic model translates nonsense: a margin of 100 chrF points lets it through.
    String body = body(imported, null).replace("}", ", \"gateMargin\": 100}");

    JsonNode job = finished(launched(refresh(api().apiKey(true), body)));

    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
    ModelVersion registered = registry.find("tiny-de-en@1").orElseThrow();
    assertThat(registered.state()).isEqualTo(ModelState.CANDIDATE);
    assertThat(registered.checksums())
        .containsKeys("model.json", "model.pt", "source.spm", "target.spm", "vocab.json");
    assertThat(registered.metrics())
        .anySatisfy(metric -> assertThat(metric.testSet()).isEqualTo("phrase-sentences-test"));
  }

  @Test
  void aRetrainingKilledMidTrainingResumesFromItsCheckpointAndImprovesOnTheHeldOutCorrections()
      throws Exception {
    String manager = api().apiKey(true);
    List<Long> ids = insertCorrections();

    String id =
        launched(
            api()
                .send(
                    manager,
                    "POST",
                    "/v1/model-jobs/retrain",
                    "{\"maxSteps\": 60, \"version\": \"ft1\"}"));
    assertThat(id).startsWith("retrain-");

    // Killed outright once a checkpoint exists (every 15 steps for 60).
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> job(id).path("progress").path("step").asLong() >= 16);
    ProcessHandle runner = runnerOf(id);
    runner.destroyForcibly();
    runner.onExit().get();

    JsonNode done = finished(id);
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
    assertThat(done.path("attempts").asInt()).isEqualTo(2);
    assertThat(done.path("progress").path("resumedFromStep").asLong()).isBetween(15L, 60L);
    assertThat(done.path("result").path("steps").asLong()).isEqualTo(60);
    assertThat(done.path("modelId").asString()).isEqualTo("de-en-starter@ft1");
    JsonNode heldOut = null;
    for (JsonNode scores : done.path("result").path("scores")) {
      if (scores.path("testSet").asString().equals("corrections-held-out")) {
        heldOut = scores;
      }
    }
    assertThat(heldOut).as(done.toString()).isNotNull();
    assertThat(heldOut.path("chrf").asDouble())
        .as("held-out chrF, base %.2f", heldOut.path("baseChrf").asDouble())
        .isGreaterThan(heldOut.path("baseChrf").asDouble());
    assertThat(done.path("result").path("rollout").asString()).contains("candidate");

    ModelVersion registered = registry.find("de-en-starter@ft1").orElseThrow();
    assertThat(registered.state()).isEqualTo(ModelState.CANDIDATE);
    assertThat(registered.lineage()).containsEntry("basedOn", STARTER).containsKey("corrections");
    assertThat(Path.of(registered.bundleUri())).startsWith(MODELS);
    List<String> marks =
        JdbcClient.create(dataSource)
            .sql(
                "SELECT CONCAT(used_by_model, ' ', held_out) FROM segment_corrections WHERE id IN (:ids)")
            .param("ids", ids)
            .query(String.class)
            .list();
    assertThat(marks).hasSize(ids.size()).allMatch(m -> m.startsWith("de-en-starter@ft1 "));
    assertThat(marks).anyMatch(m -> m.endsWith(" 1")).anyMatch(m -> m.endsWith(" 0"));
  }

  /**
   * Corrections of office nouns the starter gets wrong, in ten short sentences each, so the
   * held-out ones repeat what the others teach.
   */
  private List<Long> insertCorrections() {
    String[][] nouns = {
      {"Der Termin", "The appointment"},
      {"Die Rechnung", "The invoice"},
      {"Der Kunde", "The customer"},
      {"Die Bestellung", "The order"},
      {"Die Lieferung", "The delivery"},
      {"Der Vertrag", "The contract"}
    };
    String[][] predicates = {
      {"ist wichtig", "is important"},
      {"ist neu", "is new"},
      {"ist morgen", "is tomorrow"},
      {"ist fertig", "is ready"},
      {"ist falsch", "is wrong"},
      {"ist heute", "is today"},
      {"kommt später", "comes later"},
      {"ist bestätigt", "is confirmed"},
      {"wurde geändert", "was changed"},
      {"fehlt noch", "is still missing"}
    };
    JdbcClient jdbc = JdbcClient.create(dataSource);
    long key = jdbc.sql("SELECT id FROM api_keys ORDER BY id LIMIT 1").query(Long.class).single();
    String job = UUID.randomUUID().toString();
    int index = 0;
    for (String[] noun : nouns) {
      for (String[] predicate : predicates) {
        jdbc.sql(
                "INSERT INTO segment_corrections (job_id, segment_idx, api_key_id, source_lang,"
                    + " target_lang, source_text, corrected_text) VALUES (?, ?, ?, 'de', 'en', ?,"
                    + " ?)")
            .params(
                job,
                index++,
                key,
                noun[0] + " " + predicate[0] + ".",
                noun[1] + " " + predicate[1] + ".")
            .update();
      }
    }
    return jdbc.sql("SELECT id FROM segment_corrections WHERE job_id = ?")
        .params(job)
        .query(Long.class)
        .list();
  }

  /**
   * The local executor's runner process of a model job, found by its command line in {@code /proc}
   * ({@code ProcessHandle.Info.arguments()} cuts long command lines short).
   */
  private static ProcessHandle runnerOf(String id) {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> commandLine(p).contains("--batch-id=" + id + "\0"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no runner process of " + id));
  }

  private static String commandLine(ProcessHandle process) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
    } catch (IOException gone) {
      return "";
    }
  }

  private JsonNode job(String id) throws Exception {
    return JSON.readTree(
        api().send(api().apiKey(true), "GET", "/v1/model-jobs/" + id, null).body());
  }

  /** The job's id from a 201 answer. */
  private static String launched(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).path("id").asString();
  }

  private JsonNode finished(String id) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              last[0] =
                  JSON.readTree(
                      api().send(api().apiKey(true), "GET", "/v1/model-jobs/" + id, null).body());
              return List.of("SUCCEEDED", "REJECTED", "FAILED", "CANCELLED")
                  .contains(last[0].path("status").asString());
            });
    return last[0];
  }

  private static String body(Path bundle, String modelJsonSha256) {
    return "{\"bundleUri\": \""
        + bundle.toUri()
        + "\""
        + (modelJsonSha256 == null ? "" : ", \"modelJsonSha256\": \"" + modelJsonSha256 + "\"")
        + "}";
  }

  /** The starter's files under another version, on the models volume. */
  private static Path copy(Path starter, String version) throws IOException {
    Path target = MODELS.resolve("de-en-starter").resolve(version + "-" + UUID.randomUUID());
    ModelManifest manifest = ModelBundle.readManifest(starter);
    ModelBundle.create(
        target,
        starter.resolve(manifest.module()),
        starter.resolve(manifest.sentencePiece()),
        manifest.withVersion(version));
    return target;
  }

  /** The starter fine-tuned a few steps at a learning rate that wrecks it. */
  private static Path ruined(Path starter, String version) throws IOException {
    Path pairs = ROOT.resolve("nonsense.tsv");
    Files.write(pairs, List.of("Haus\tbanana banana", "Hund\tbanana", "Ich habe Hunger.\tbanana"));
    Path target = MODELS.resolve("de-en-starter").resolve(version);
    BundleTraining.run(
        new BundleTraining.Request(
            new BundleTraining.FineTune(starter),
            List.of(pairs),
            List.of(pairs),
            ROOT.resolve("ruin-work"),
            target,
            "de-en-starter",
            version,
            List.of("nonsense"),
            new Hyperparameters(256, 0.5, 0, 4, 5, 4, 1, 64, 1, 1, 1.0)),
        line -> {});
    return target;
  }

  private static Path starterDirectory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("models/de-en-starter/4"))) {
        return dir.resolve("models/de-en-starter/4");
      }
    }
    throw new IllegalStateException(
        "no models/de-en-starter/4 above " + Path.of("").toAbsolutePath());
  }

  private HttpResponse<String> refresh(String key, String body) throws Exception {
    return api().send(key, "POST", "/v1/model-jobs/refresh", body);
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("model-jobs-it");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
