package dev.translation.submit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.submit.ApiIntegrationTest;
import dev.translation.submit.TestClient.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ModelsIT extends ApiIntegrationTest {

  @Test
  void listsEachPairsActiveVersionAndCanaryWithScoresAndLineage() {
    // A pair of its own, so the rows of other tests (or of an earlier run) do not matter.
    String run = UUID.randomUUID().toString().substring(0, 8);
    String active = "m-" + run + "@1";
    String canary = "m-" + run + "@2";
    jdbc.sql("DELETE FROM model_rollouts WHERE source_lang = 'qa' AND target_lang = 'qb'").update();
    insertVersion(
        active,
        "m-" + run,
        "1",
        "ACTIVE",
        null,
        "[{\"testSet\": \"ding-test\", \"system\": \"model\", \"sentences\": 500, \"bleu\": 12.5,"
            + " \"chrf\": 40.25}, {\"testSet\": \"ding-test\", \"system\": \"dictionary\","
            + " \"sentences\": 500, \"bleu\": 3.1, \"chrf\": 22}]",
        "{\"data\": [\"ding\"], \"steps\": 12000}");
    insertVersion(
        canary,
        "m-" + run,
        "2",
        "CANARY",
        30,
        "[{\"testSet\": \"ding-test\", \"system\": \"model\", \"sentences\": 500, \"bleu\": 13.0,"
            + " \"chrf\": 41.5}]",
        "{\"basedOn\": \"" + active + "\", \"corrections\": 17}");
    jdbc.sql(
            "INSERT INTO model_rollouts (source_lang, target_lang, active_model, canary_model,"
                + " canary_percent, revision) VALUES ('qa', 'qb', ?, ?, 30, 3)")
        .params(active, canary)
        .update();

    Response response = newClient().get("/v1/models");

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode pair = pair(response.json(), "qa", "qb");
    assertThat(pair.path("revision").asLong()).isEqualTo(3);
    JsonNode activeVersion = pair.path("active");
    assertThat(activeVersion.path("modelId").asString()).isEqualTo(active);
    assertThat(activeVersion.path("name").asString()).isEqualTo("m-" + run);
    assertThat(activeVersion.path("version").asString()).isEqualTo("1");
    assertThat(activeVersion.path("state").asString()).isEqualTo("active");
    assertThat(activeVersion.path("registeredAt").asString()).isNotBlank();
    assertThat(activeVersion.has("percent")).isFalse();
    assertThat(activeVersion.path("metrics")).hasSize(2);
    JsonNode score = activeVersion.path("metrics").get(0);
    assertThat(score.path("testSet").asString()).isEqualTo("ding-test");
    assertThat(score.path("system").asString()).isEqualTo("model");
    assertThat(score.path("sentences").asInt()).isEqualTo(500);
    assertThat(score.path("bleu").asDouble()).isEqualTo(12.5);
    assertThat(score.path("chrf").asDouble()).isEqualTo(40.25);
    assertThat(activeVersion.path("metrics").get(1).path("chrf").asDouble()).isEqualTo(22.0);
    assertThat(activeVersion.path("lineage").path("data").get(0).asString()).isEqualTo("ding");
    assertThat(activeVersion.path("lineage").path("steps").asInt()).isEqualTo(12000);
    JsonNode canaryVersion = pair.path("canary");
    assertThat(canaryVersion.path("modelId").asString()).isEqualTo(canary);
    assertThat(canaryVersion.path("state").asString()).isEqualTo("canary");
    assertThat(canaryVersion.path("percent").asInt()).isEqualTo(30);
    assertThat(canaryVersion.path("metrics").get(0).path("bleu").asDouble()).isEqualTo(13.0);
    assertThat(canaryVersion.path("lineage").path("corrections").asInt()).isEqualTo(17);
  }

  @Test
  void aPairWithoutCanaryShowsNull() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String active = "n-" + run + "@1";
    jdbc.sql("DELETE FROM model_rollouts WHERE source_lang = 'qc' AND target_lang = 'qd'").update();
    insertVersion(active, "n-" + run, "1", "ACTIVE", null, "[]", "{}");
    jdbc.sql(
            "INSERT INTO model_rollouts (source_lang, target_lang, active_model, revision) VALUES"
                + " ('qc', 'qd', ?, 1)")
        .params(active)
        .update();

    JsonNode pair = pair(newClient().get("/v1/models").json(), "qc", "qd");

    assertThat(pair.path("active").path("modelId").asString()).isEqualTo(active);
    assertThat(pair.path("active").path("metrics")).isEmpty();
    assertThat(pair.has("canary")).isTrue();
    assertThat(pair.path("canary").isNull()).isTrue();
  }

  @Test
  void needsAnApiKey() {
    Response response = anonymousClient().get("/v1/models");

    assertThat(response.status()).isEqualTo(401);
  }

  private void insertVersion(
      String modelId,
      String name,
      String version,
      String state,
      Integer canaryPercent,
      String metrics,
      String lineage) {
    jdbc.sql(
            "INSERT INTO model_versions (model_id, name, version, source_lang, target_lang,"
                + " bundle_uri, checksums, metrics, lineage, state, canary_percent, launched_by)"
                + " VALUES (?, ?, ?, 'qa', 'qb', ?, '{}', ?, ?, ?, ?, 'ModelsIT')")
        .params(
            modelId,
            name,
            version,
            "file:/models/" + name + "/" + version,
            metrics,
            lineage,
            state,
            canaryPercent)
        .update();
  }

  private static JsonNode pair(JsonNode models, String source, String target) {
    for (JsonNode pair : models.path("languagePairs")) {
      if (pair.path("source").asString().equals(source)
          && pair.path("target").asString().equals(target)) {
        return pair;
      }
    }
    throw new AssertionError("no pair " + source + "-" + target + " in " + models);
  }
}
