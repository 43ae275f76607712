package dev.translation.worker.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.MetricNames;
import dev.translation.contracts.Sha256;
import dev.translation.worker.WorkerIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Identical segments are translated once per model version and then served from memory. */
class TranslationMemoryIT extends WorkerIntegrationTest {

  @Test
  void repeatedSourceIsServedFromMemoryWithTheSameText() {
    // Given a sentence translated by a first job
    String sentence = "Wir gehen morgen in den Park.";
    String first = seedJob(List.of(sentence));
    messages(first, List.of(sentence), 1).forEach(WorkerIntegrationTest::publish);
    awaitJob(first, JobStatus.SUCCEEDED);
    String translation = segments(first).getFirst().translation();
    double hitsBefore = counter(MetricNames.MEMORY_HITS);
    double modelCallsBefore = modelCalls();

    // When a second job repeats it twice
    String second = seedJob(List.of(sentence, sentence));
    messages(second, List.of(sentence, sentence), 2).forEach(WorkerIntegrationTest::publish);
    awaitJob(second, JobStatus.SUCCEEDED);

    // Then both come from memory, with the same text, without calling the model
    assertThat(segments(second))
        .allSatisfy(row -> assertThat(row.translation()).isEqualTo(translation));
    assertThat(counter(MetricNames.MEMORY_HITS) - hitsBefore).isEqualTo(2);
    assertThat(modelCalls()).isEqualTo(modelCallsBefore);
    assertThat(
            jdbc.queryForObject(
                "SELECT hits FROM translation_memory WHERE source_hash = ? AND lang_pair = 'de-en'"
                    + " AND model_version = ?",
                Long.class,
                Sha256.hex(sentence),
                engine().manifest().id()))
        .isEqualTo(2);
  }

  @Test
  void memoryIsConsultedBeforeTheModel() {
    // Given a memory entry for this model version that the model would never produce
    String sentence = "Die Brücke ist sehr alt.";
    jdbc.update(
        "INSERT INTO translation_memory (source_hash, lang_pair, model_version, source_text,"
            + " translation) VALUES (?, 'de-en', ?, ?, 'The bridge is very old (from memory).')",
        Sha256.hex(sentence),
        engine().manifest().id(),
        sentence);

    // When a job contains the sentence
    String jobId = seedJob(List.of(sentence));
    messages(jobId, List.of(sentence), 1).forEach(WorkerIntegrationTest::publish);

    // Then the stored translation is used
    awaitJob(jobId, JobStatus.SUCCEEDED);
    assertThat(segments(jobId).getFirst().translation())
        .isEqualTo("The bridge is very old (from memory).");
  }

  private double modelCalls() {
    var summary = meters.find(MetricNames.BATCH_SIZE).summary();
    return summary == null ? 0 : summary.count();
  }
}
