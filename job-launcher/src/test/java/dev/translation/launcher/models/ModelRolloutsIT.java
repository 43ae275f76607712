package dev.translation.launcher.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.translation.contracts.ModelRolloutEvent;
import dev.translation.contracts.Topics;
import dev.translation.contracts.WireFormat;
import dev.translation.launcher.persistence.ModelRegistryRepository;
import dev.translation.testfixtures.DatabaseEndpoint;
import dev.translation.testfixtures.SharedFixtures;
import dev.translation.topics.PipelineTopics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
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
 * The launcher service's model registry against a real MySQL-compatible server and Kafka: the
 * starter model registered on a fresh install, then promote, canary, end, rollback through the API,
 * each change recorded and sent on model.events.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "translation.launcher.executor=local",
      "translation.launcher.relay.interval=200ms"
    })
class ModelRolloutsIT {

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
    database = LauncherApi.servers(registry, "launcher_models");
  }

  @BeforeAll
  static void topics() {
    PipelineTopics.create(SharedFixtures.kafka().bootstrapServers(), Topics.ALL, (short) 1);
  }

  @Test
  void theStarterIsActiveAndAManagerPromotesCanariesAndRollsBackWhileOthersMayOnlyRead()
      throws Exception {
    String manager = api().apiKey(true);
    String user = api().apiKey(false);

    // A fresh install: the starter model serves de-en, with its own scores and lineage.
    JsonNode models = LauncherApi.json(api().send(user, "GET", "/v1/models", null), 200);
    assertThat(models.path("rollouts").get(0).path("activeModel").asString()).isEqualTo(STARTER);
    assertThat(models.path("rollouts").get(0).path("revision").asLong()).isEqualTo(1);
    JsonNode starter = models.path("versions").get(0);
    assertThat(starter.path("state").asString()).isEqualTo("ACTIVE");
    assertThat(starter.path("checksums").path("model.json").asString()).hasSize(64);
    assertThat(starter.path("metrics").toString()).contains("ding-sentences-test", "chrf");
    assertThat(starter.path("lineage").path("basedOn").asString()).isEqualTo("de-en-starter@3");

    // Two candidates, as refresh jobs would leave them.
    String second = candidate("5");
    String third = candidate("6");

    assertThat(api().send(user, "POST", "/v1/models/" + second + "/promote", null).statusCode())
        .isEqualTo(403);
    assertThat(api().send(manager, "POST", "/v1/models/nope@1/promote", null).statusCode())
        .isEqualTo(404);

    JsonNode promoted =
        LauncherApi.json(
            api().send(manager, "POST", "/v1/models/" + second + "/promote", null), 200);
    assertThat(promoted.path("activeModel").asString()).isEqualTo(second);
    assertThat(promoted.path("revision").asLong()).isEqualTo(2);
    assertThat(registry.find(STARTER).orElseThrow().state()).isEqualTo(ModelState.RETIRED);
    assertThat(api().send(manager, "POST", "/v1/models/" + second + "/promote", null).statusCode())
        .isEqualTo(409);

    assertThat(canary(manager, third, "{\"percent\": 0}").statusCode()).isEqualTo(422);
    assertThat(canary(manager, third, "{\"percent\": 100}").statusCode()).isEqualTo(422);
    assertThat(canary(manager, second, "{\"percent\": 30}").statusCode()).isEqualTo(409);
    JsonNode canary = LauncherApi.json(canary(manager, third, "{\"percent\": 30}"), 200);
    assertThat(canary.path("canaryModel").asString()).isEqualTo(third);
    assertThat(canary.path("canaryPercent").asInt()).isEqualTo(30);
    assertThat(registry.find(third).orElseThrow().canaryPercent()).isEqualTo(30);

    // Rollback undoes the last step: first the canary, then the promotion.
    JsonNode canaryEnded =
        LauncherApi.json(api().send(manager, "POST", "/v1/rollouts/de-en/rollback", null), 200);
    assertThat(canaryEnded.path("canaryModel").isNull()).isTrue();
    assertThat(canaryEnded.path("activeModel").asString()).isEqualTo(second);
    assertThat(registry.find(third).orElseThrow().state()).isEqualTo(ModelState.CANDIDATE);
    JsonNode rolledBack =
        LauncherApi.json(api().send(manager, "POST", "/v1/rollouts/de-en/rollback", null), 200);
    assertThat(rolledBack.path("activeModel").asString()).isEqualTo(STARTER);
    assertThat(rolledBack.path("revision").asLong()).isEqualTo(5);
    assertThat(registry.find(second).orElseThrow().state()).isEqualTo(ModelState.RETIRED);
    assertThat(api().send(manager, "POST", "/v1/rollouts/de-en/end-canary", null).statusCode())
        .isEqualTo(409);

    // Rolling back twice after promoting third, then second goes back to third, then to the
    // starter: never forward to a version that was rolled back.
    LauncherApi.json(api().send(manager, "POST", "/v1/models/" + third + "/promote", null), 200);
    LauncherApi.json(api().send(manager, "POST", "/v1/models/" + second + "/promote", null), 200);
    assertThat(
            LauncherApi.json(api().send(manager, "POST", "/v1/rollouts/de-en/rollback", null), 200)
                .path("activeModel")
                .asString())
        .isEqualTo(third);
    assertThat(
            LauncherApi.json(api().send(manager, "POST", "/v1/rollouts/de-en/rollback", null), 200)
                .path("activeModel")
                .asString())
        .isEqualTo(STARTER);

    // Model jobs (bundle URLs, pod logs) are for keys with model rights.
    assertThat(api().send(user, "GET", "/v1/model-jobs", null).statusCode()).isEqualTo(403);
    assertThat(api().send(manager, "GET", "/v1/model-jobs", null).statusCode()).isEqualTo(200);

    List<String> history =
        JdbcClient.create(dataSource)
            .sql(
                "SELECT CONCAT(revision, ' ', action, ' ', active_model, ' ', changed_by) FROM"
                    + " model_rollout_history ORDER BY revision")
            .query(String.class)
            .list();
    assertThat(history)
        .containsExactly(
            "1 REGISTER_STARTER " + STARTER + " job-launcher (starter model)",
            "2 PROMOTE " + second + " ml engineer",
            "3 CANARY " + second + " ml engineer",
            "4 ROLLBACK " + second + " ml engineer",
            "5 ROLLBACK " + STARTER + " ml engineer",
            "6 PROMOTE " + third + " ml engineer",
            "7 PROMOTE " + second + " ml engineer",
            "8 ROLLBACK " + third + " ml engineer",
            "9 ROLLBACK " + STARTER + " ml engineer");

    // Every change went out on model.events, keyed by the pair.
    List<ModelRolloutEvent> events = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              events.clear();
              events.addAll(eventsMentioning(second));
              assertThat(events).extracting(ModelRolloutEvent::revision).contains(2L, 3L, 4L);
            });
    ModelRolloutEvent canaryEvent =
        events.stream().filter(e -> e.revision() == 3).findFirst().orElseThrow();
    assertThat(canaryEvent.canaryModel()).isEqualTo(third);
    assertThat(canaryEvent.canaryPercent()).isEqualTo(30);
    assertThat(canaryEvent.action()).isEqualTo("CANARY");
  }

  private HttpResponse<String> canary(String key, String model, String body) throws Exception {
    return api().send(key, "POST", "/v1/models/" + model + "/canary", body);
  }

  /** A copy of the starter's registry entry under another version, as a candidate. */
  private String candidate(String version) {
    ModelVersion starter = registry.find(STARTER).orElseThrow();
    String id =
        "de-en-starter-test-" + UUID.randomUUID().toString().substring(0, 8) + "@" + version;
    registry.insert(
        new ModelVersion(
            id,
            id.substring(0, id.indexOf('@')),
            version,
            starter.languages(),
            starter.bundleUri(),
            starter.checksums(),
            starter.metrics(),
            Map.of("basedOn", STARTER),
            ModelState.CANDIDATE,
            null,
            "test",
            null,
            null));
    return id;
  }

  private List<ModelRolloutEvent> eventsMentioning(String model) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedFixtures.kafka().bootstrapServers()),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < Topics.MODEL_EVENT_PARTITIONS; p++) {
        partitions.add(new TopicPartition(Topics.MODEL_EVENTS, p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ModelRolloutEvent> found = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          ModelRolloutEvent event = WireFormat.readModelRollout(record.value());
          assertThat(record.key()).isEqualTo(event.key());
          if (model.equals(event.activeModel()) || model.equals(event.canaryModel())) {
            found.add(event);
          }
        }
      }
      return found;
    }
  }
}
