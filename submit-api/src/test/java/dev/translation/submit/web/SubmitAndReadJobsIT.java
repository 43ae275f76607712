package dev.translation.submit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.translation.contracts.Sha256;
import dev.translation.contracts.Topics;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.submit.ApiIntegrationTest;
import dev.translation.submit.TestClient;
import dev.translation.submit.TestClient.Response;
import dev.translation.submit.TopicReader;
import dev.translation.testfixtures.SharedFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SubmitAndReadJobsIT extends ApiIntegrationTest {

  @Test
  void submitIsAcceptedDurablyWithALocationToPoll() {
    TestClient client = newClient();

    Response response = client.submit(List.of("Guten Morgen!", "Wie geht es dir?", ""));

    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    JsonNode job = response.json();
    String id = job.path("id").asString();
    assertThat(response.header("Location")).isEqualTo("/v1/jobs/" + id);
    assertThat(job.path("status").asString()).isEqualTo("queued");
    assertThat(job.path("lane").asString()).isEqualTo("interactive");
    assertThat(job.path("counts").path("total").asInt()).isEqualTo(3);
    assertThat(job.path("counts").path("pending").asInt()).isEqualTo(3);
    assertThat(job.path("links").path("result").asString()).isEqualTo("/v1/jobs/" + id + "/result");
    assertThat(job.path("createdAt").asString()).isNotBlank();
    assertThat(
            jdbc.sql("SELECT source_hash FROM segments WHERE job_id = ? ORDER BY idx")
                .params(id)
                .query(String.class)
                .list())
        .containsExactly(
            Sha256.hex("Guten Morgen!"), Sha256.hex("Wie geht es dir?"), Sha256.hex(""));

    Response polled = client.get("/v1/jobs/" + id);
    assertThat(polled.status()).isEqualTo(200);
    assertThat(polled.json().path("id").asString()).isEqualTo(id);
  }

  @Test
  void outboxMessagesReachTheLaneTopicAsBatchMessagesWithTheSegmentsInOrder() {
    List<String> texts = texts(70);
    Response response = newClient().submit(texts);
    String id = response.json().path("id").asString();

    try (TopicReader reader =
        new TopicReader(SharedFixtures.kafka().bootstrapServers(), Topics.TRANSLATE_INTERACTIVE)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(reader.messagesOf(id)).hasSize(3));
      // A job's messages are dealt out over the partitions, so they are read in no set order.
      List<TranslationBatchMessage> messages =
          reader.messagesOf(id).stream()
              .sorted(Comparator.comparingInt(m -> m.indexes().getFirst()))
              .toList();
      assertThat(messages).extracting(m -> m.segments().size()).containsExactly(32, 32, 6);
      assertThat(
              reader.poll().stream()
                  .filter(record -> record.key().startsWith(id + "/"))
                  .map(record -> record.partition())
                  .distinct())
          .as("partitions of the job's three messages")
          .hasSize(3);
      List<Integer> indexes = new ArrayList<>();
      messages.forEach(m -> indexes.addAll(m.indexes()));
      assertThat(indexes).containsExactlyElementsOf(IntStream.range(0, 70).boxed().toList());
      assertThat(messages)
          .allSatisfy(
              m -> {
                assertThat(m.jobId()).isEqualTo(id);
                assertThat(m.schemaVersion()).isEqualTo(TranslationBatchMessage.SCHEMA_VERSION);
              });
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.sql(
                            "SELECT COUNT(*) FROM outbox WHERE aggregate_id = ? AND published_at IS"
                                + " NULL")
                        .params(id)
                        .query(Long.class)
                        .single()
                    == 0);
  }

  @Test
  void largeJobsAndBatchPriorityGoToTheBatchLane() {
    TestClient client = newClient();

    Response large = client.submit(texts(101));
    Response asked =
        client.post(
            "/v1/translations",
            TestClient.JSON.writeValueAsString(
                Map.of(
                    "texts",
                    List.of("Hallo"),
                    "source",
                    "de",
                    "target",
                    "en",
                    "priority",
                    "batch")));

    assertThat(large.json().path("lane").asString()).isEqualTo("batch");
    assertThat(asked.json().path("lane").asString()).isEqualTo("batch");
    assertThat(
            jdbc.sql("SELECT DISTINCT topic FROM outbox WHERE aggregate_id IN (?, ?)")
                .params(large.json().path("id").asString(), asked.json().path("id").asString())
                .query(String.class)
                .list())
        .containsExactly(Topics.TRANSLATE_BATCH);
  }

  @Test
  void textsAreSplitIntoSentencesAndTheirResultsKeepTheTextsAndLines() {
    TestClient client = newClient();
    String id =
        client
            .submit(List.of("Guten Morgen. Wie geht es dir?\n\nGut.", "Danke."))
            .json()
            .path("id")
            .asString();
    assertThat(
            jdbc.sql("SELECT source_text FROM segments WHERE job_id = ? ORDER BY idx")
                .params(id)
                .query(String.class)
                .list())
        .containsExactly("Guten Morgen.", "Wie geht es dir?", "Gut.", "Danke.");

    translateSegment(id, 0, "Good morning.", "m:1");
    translateSegment(id, 1, "How are you?", "m:1");
    JsonNode partly = client.get("/v1/jobs/" + id + "/result").json();
    assertThat(partly.path("segments").size()).isEqualTo(2);
    assertThat(partly.path("segments").get(0).path("status").asString()).isEqualTo("pending");
    assertThat(partly.path("segments").get(0).path("translation").isNull()).isTrue();

    translateSegment(id, 2, "Good.", "m:1");
    failSegment(id, 3, "model refused it");
    JsonNode result = client.get("/v1/jobs/" + id + "/result").json();
    assertThat(result.path("segments").get(0).path("status").asString()).isEqualTo("done");
    assertThat(result.path("segments").get(0).path("translation").asString())
        .isEqualTo("Good morning. How are you?\n\nGood.");
    assertThat(result.path("segments").get(1).path("status").asString()).isEqualTo("failed");
    assertThat(result.path("segments").get(1).path("error").asString())
        .isEqualTo("model refused it");
    JsonNode job = client.get("/v1/jobs/" + id).json();
    assertThat(job.path("counts").path("total").asInt()).isEqualTo(4);
  }

  @Test
  void oneLongTextGoesToTheBatchLaneWhateverItsCount() {
    String longText = "Das ist ein Satz mit einigen Wörtern darin. ".repeat(200);

    JsonNode job = newClient().submit(List.of(longText)).json();

    assertThat(job.path("lane").asString()).isEqualTo("batch");
    assertThat(job.path("counts").path("total").asInt()).isEqualTo(200);
  }

  @Test
  void resultListsEverySegmentInInputOrderWithItsOutcome() {
    TestClient client = newClient();
    String id = client.submit(List.of("Hallo", "kaputt", "Welt")).json().path("id").asString();
    translateSegment(id, 0, "Hello", "starter-de-en:1");
    failSegment(id, 1, "invalid input: empty after cleaning");

    JsonNode running = client.get("/v1/jobs/" + id + "/result").json();

    assertThat(running.path("status").asString()).isEqualTo("running");
    assertThat(running.path("finished").asBoolean()).isFalse();
    assertThat(running.path("segments").size()).isEqualTo(3);
    JsonNode first = running.path("segments").get(0);
    assertThat(first.path("index").asInt()).isZero();
    assertThat(first.path("status").asString()).isEqualTo("done");
    assertThat(first.path("translation").asString()).isEqualTo("Hello");
    assertThat(first.path("model").asString()).isEqualTo("starter-de-en:1");
    JsonNode second = running.path("segments").get(1);
    assertThat(second.path("status").asString()).isEqualTo("failed");
    assertThat(second.path("error").asString()).contains("invalid input");
    assertThat(running.path("segments").get(2).path("status").asString()).isEqualTo("pending");

    assertIsTheJobWithSegments(running, client.get("/v1/jobs/" + id).json());

    translateSegment(id, 2, "World", "starter-de-en:2");
    JsonNode job = client.get("/v1/jobs/" + id).json();
    assertIsTheJobWithSegments(client.get("/v1/jobs/" + id + "/result").json(), job);
    assertThat(job.path("status").asString()).isEqualTo("partially_failed");
    assertThat(job.path("counts").path("done").asInt()).isEqualTo(2);
    assertThat(job.path("counts").path("failed").asInt()).isEqualTo(1);
    assertThat(job.path("counts").path("pending").asInt()).isZero();
    assertThat(job.path("modelVersions").valueStream().map(JsonNode::asString))
        .containsExactly("starter-de-en:1", "starter-de-en:2");
    assertThat(job.path("startedAt").asString()).isNotBlank();
    assertThat(job.path("finishedAt").asString()).isNotBlank();
  }

  @Test
  void waitAnswersWithTheResultWhenTheJobFinishesInTime() {
    TestClient client = newClient();
    String key = UUID.randomUUID().toString();

    CompletableFuture<Response> submitted =
        client
            .withHeader("Idempotency-Key", key)
            .postAsync("/v1/translations?wait=8s", TestClient.submitBody(List.of("Hallo")));
    String id =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    jdbc.sql("SELECT id FROM jobs WHERE idempotency_key = ?")
                        .params(key)
                        .query(String.class)
                        .optional()
                        .orElse(null),
                found -> found != null);
    translateSegment(id, 0, "Hello", "starter-de-en:1");

    Response response = submitted.join();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().path("id").asString()).isEqualTo(id);
    assertThat(response.json().path("status").asString()).isEqualTo("succeeded");
    assertThat(response.json().path("finished").asBoolean()).isTrue();
    assertThat(response.json().path("segments").get(0).path("translation").asString())
        .isEqualTo("Hello");
    assertIsTheJobWithSegments(response.json(), client.get("/v1/jobs/" + id).json());
    assertThat(response.json()).isEqualTo(client.get("/v1/jobs/" + id + "/result").json());
  }

  /** A result is the job exactly as GET /v1/jobs/{id} shows it, plus finished and segments. */
  private static void assertIsTheJobWithSegments(JsonNode result, JsonNode job) {
    Set<String> jobFields = new TreeSet<>();
    job.propertyNames().forEach(jobFields::add);
    Set<String> resultFields = new TreeSet<>();
    result.propertyNames().forEach(resultFields::add);

    Set<String> expected = new TreeSet<>(jobFields);
    expected.addAll(List.of("finished", "segments"));
    assertThat(jobFields).contains("id", "status", "lane", "counts", "links");
    assertThat(resultFields).isEqualTo(expected);
    jobFields.forEach(field -> assertThat(result.get(field)).as(field).isEqualTo(job.get(field)));
    assertThat(result.path("segments").get(0).propertyNames())
        .containsExactlyInAnyOrder("index", "status", "translation", "error", "model");
  }

  @Test
  void waitThatRunsOutAnswersAcceptedAsUsual() {
    Response response =
        newClient().post("/v1/translations?wait=300ms", TestClient.submitBody(List.of("Hallo")));

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.header("Location")).startsWith("/v1/jobs/");
  }

  @Test
  void listShowsTheCallersJobsNewestFirstInPages() {
    TestClient client = newClient();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(client.submit(List.of("Text " + i)).json().path("id").asString());
    }

    JsonNode first = client.get("/v1/jobs?size=2").json();
    JsonNode second = client.get("/v1/jobs?size=2&page=1").json();
    JsonNode capped = client.get("/v1/jobs?size=5000").json();

    assertThat(first.path("items").valueStream().map(j -> j.path("id").asString()))
        .containsExactly(ids.get(2), ids.get(1));
    assertThat(second.path("items").valueStream().map(j -> j.path("id").asString()))
        .containsExactly(ids.get(0));
    assertThat(first.path("totalItems").asLong()).isEqualTo(3);
    assertThat(first.path("totalPages").asLong()).isEqualTo(2);
    assertThat(capped.path("size").asInt()).isEqualTo(100);
  }

  @Test
  void metricsAndProbesAreServed() {
    newClient().submit(List.of("Hallo"));
    TestClient anonymous = anonymousClient();

    Response prometheus = anonymous.get("/actuator/prometheus");

    assertThat(prometheus.status()).isEqualTo(200);
    assertThat(prometheus.body())
        .contains("translation_jobs_submitted_total{")
        .contains("translation_segments_submitted_total{")
        .contains("translation_outbox_pending")
        .contains("translation_outbox_publish_latency_seconds")
        .contains("http_server_requests_seconds");
    assertThat(anonymous.get("/actuator/health/liveness").json().path("status").asString())
        .isEqualTo("UP");
    assertThat(anonymous.get("/actuator/health/readiness").json().path("status").asString())
        .isEqualTo("UP");
  }
}
