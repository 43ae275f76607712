package dev.translation.worker.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.worker.GermanSentences;
import dev.translation.worker.WorkerIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** At-least-once delivery: a message seen twice leaves exactly the results of one delivery. */
class RedeliveryIT extends WorkerIntegrationTest {

  @Test
  void redeliveredBatchDoesNotDuplicateResults() {
    // Given a job whose single message has been processed
    List<String> texts = GermanSentences.distinct(20).reversed();
    String jobId = seedJob(texts);
    TranslationBatchMessage message = messages(jobId, texts, texts.size()).getFirst();
    publish(message);
    awaitJob(jobId, JobStatus.SUCCEEDED);
    awaitAllConsumed();
    List<SegmentRow> first = segments(jobId);
    Job afterFirst = job(jobId);

    // When the same message is delivered twice more
    publish(message);
    publish(message);
    awaitAllConsumed();

    // Then no segment was written again and the counters are still exact
    assertThat(segments(jobId)).isEqualTo(first);
    assertThat(first).allSatisfy(row -> assertThat(row.attempts()).isEqualTo(1));
    assertThat(job(jobId)).isEqualTo(afterFirst);
    assertThat(afterFirst.done()).isEqualTo(20);
    assertThat(afterFirst.status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void cancelledSegmentIsNeverTranslated() {
    // Given a job cancelled by its owner while its message was in flight: segments 1 and 2 were
    // cancelled, 0 and 3 were (in this race) still pending
    List<String> texts = GermanSentences.distinct(4);
    String jobId = seedJob(texts);
    jdbc.update(
        "UPDATE segments SET status = 'CANCELLED' WHERE job_id = ? AND idx IN (1, 2)", jobId);
    jdbc.update("UPDATE jobs SET status = 'CANCELLED', cancelled_segments = 2 WHERE id = ?", jobId);

    // When the message arrives
    messages(jobId, texts, 4).forEach(WorkerIntegrationTest::publish);
    awaitAllConsumed();

    // Then the cancelled segments stay untranslated and the job stays CANCELLED
    List<SegmentRow> rows = segments(jobId);
    assertThat(rows.get(1).status()).isEqualTo("CANCELLED");
    assertThat(rows.get(2).status()).isEqualTo("CANCELLED");
    assertThat(rows.get(1).translation()).isNull();
    assertThat(rows.get(2).translation()).isNull();
    assertThat(rows.get(0).status()).isEqualTo("DONE");
    assertThat(rows.get(3).status()).isEqualTo("DONE");
    Job job = job(jobId);
    assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(job.done()).isEqualTo(2);
    assertThat(job.cancelled()).isEqualTo(2);
    assertThat(job.finished()).isTrue();
  }
}
