package dev.translation.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.MetricNames;
import dev.translation.engine.inference.Translation;
import dev.translation.worker.config.WorkerProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** A job's path through the worker: micro-batched, translated, stored, and observable. */
class TranslationPipelineIT extends WorkerIntegrationTest {

  @Value("${local.server.port}")
  int port;

  @Autowired WorkerProperties properties;

  @Test
  void thousandSegmentJobCompletesWithEveryResultInOrder() {
    // Given 1,000 segments: 250 distinct sentences, repeated, so the memory and the model both work
    List<String> distinct = GermanSentences.distinct(250);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      texts.add(distinct.get((i * 7) % distinct.size()));
    }
    String jobId = seedJob(texts);
    // The engine caps an output at twice the longest input of its model batch, so a sentence the
    // model never ends (the interim model repeats words) reads differently in different batches.
    // The exact comparison is for sentences whose translation ended before even their own cap:
    // those read the same in every batch.
    List<Translation> reference =
        engine().translate(distinct, properties.decoding().options(properties.lane()));
    Map<String, String> expected = new HashMap<>();
    for (int i = 0; i < distinct.size(); i++) {
      Translation translation = reference.get(i);
      int ownCap =
          Math.min(
              engine().manifest().maxTargetTokens(), 2 * (translation.sourceTokens() + 1) + 10);
      if (translation.targetTokens() < ownCap - 1) {
        expected.put(distinct.get(i), translation.text());
      }
    }
    LoggerFactory.getLogger(TranslationPipelineIT.class)
        .info(
            "{} of {} sentences translate alike in any batching", expected.size(), distinct.size());
    double hitsBefore = counter(MetricNames.MEMORY_HITS);
    int alreadyRemembered = remembered(distinct);

    // When the job travels as 40 messages of 25 segments
    messages(jobId, texts, 25).forEach(WorkerIntegrationTest::publish);

    // Then every segment holds the model's translation of its own source, in input order
    Job job = awaitJob(jobId, JobStatus.SUCCEEDED);
    assertThat(job.done()).isEqualTo(1_000);
    assertThat(job.failed()).isZero();
    assertThat(job.started()).isTrue();
    assertThat(job.finished()).isTrue();
    List<SegmentRow> rows = segments(jobId);
    assertThat(rows).hasSize(1_000);
    for (int i = 0; i < rows.size(); i++) {
      SegmentRow row = rows.get(i);
      assertThat(row.index()).isEqualTo(i);
      assertThat(row.source()).isEqualTo(texts.get(i));
      assertThat(row.status()).isEqualTo("DONE");
      assertThat(row.translation()).as("segment %d", i).isNotBlank();
      if (expected.containsKey(row.source())) {
        assertThat(row.translation()).as("segment %d", i).isEqualTo(expected.get(row.source()));
      }
      // Repeats of a sentence carry the same translation wherever they were in the job
      assertThat(row.translation())
          .as("segment %d", i)
          .isEqualTo(rows.get(texts.indexOf(row.source())).translation());
      assertThat(row.modelVersion()).isEqualTo(engine().manifest().id());
      assertThat(row.attempts()).isEqualTo(1);
    }
    // Each distinct sentence went to the model at most once; every other segment was a memory hit
    assertThat(counter(MetricNames.MEMORY_HITS) - hitsBefore)
        .isEqualTo(1_000 - (distinct.size() - alreadyRemembered));
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM translation_memory WHERE model_version = ?",
                Integer.class,
                engine().manifest().id()))
        .isGreaterThanOrEqualTo(250);
  }

  @Test
  void exposesProbesAndPrometheusMetrics() throws Exception {
    // Given a translated job, so the translation meters have values
    String jobId = seedJob(List.of("Guten Morgen."));
    messages(jobId, List.of("Guten Morgen."), 1).forEach(WorkerIntegrationTest::publish);
    awaitJob(jobId, JobStatus.SUCCEEDED);

    // When the probes and the Prometheus endpoint are scraped
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> readiness = get(http, "/actuator/health/readiness");
    HttpResponse<String> liveness = get(http, "/actuator/health/liveness");
    HttpResponse<String> prometheus = get(http, "/actuator/prometheus");

    // Then both probes are up and the pipeline's meters are exported
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body()).contains("UP");
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(prometheus.body())
        .contains("translation_segments_total{")
        .contains("outcome=\"done\"")
        .contains("translation_tokens_total{")
        .contains("translation_batch_size_count{")
        .contains("translation_queue_latency_seconds_count{")
        .contains("translation_model_latency_seconds_count{")
        .contains("translation_model_info{")
        .contains("kafka_consumer_fetch_manager_records_lag");
  }

  /** How many of the sentences other tests already put in the memory. */
  private int remembered(List<String> sentences) {
    int count = 0;
    for (String sentence : sentences) {
      count +=
          jdbc.queryForObject(
              "SELECT COUNT(*) FROM translation_memory WHERE source_hash = ? AND model_version = ?",
              Integer.class,
              dev.translation.contracts.Sha256.hex(sentence),
              engine().manifest().id());
    }
    return count;
  }

  private HttpResponse<String> get(HttpClient http, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
