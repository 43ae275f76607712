package dev.translation.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.MetricNames;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.worker.GermanSentences;
import dev.translation.worker.WorkerIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records the worker can never process go to the lane's dead-letter topic, visibly. */
class DeadLetterIT extends WorkerIntegrationTest {

  @Test
  void garbageBytesAreDeadLetteredWithoutBlockingThePartition() {
    // Given garbage on the topic, keyed like a job so it shares that job's partition
    String jobId = seedJob(List.of("Guten Abend."));
    double unparseableBefore = counter(MetricNames.DEAD_LETTERS_UNPARSEABLE);
    double deadLettersBefore =
        counter(MetricNames.DEAD_LETTERS, MetricNames.TAG_EXCEPTION, "DeserializationException");

    // When the garbage is followed by the job's real message
    publish(jobId, "\u0000not json at all".getBytes(StandardCharsets.UTF_8));
    messages(jobId, List.of("Guten Abend."), 1).forEach(WorkerIntegrationTest::publish);

    // Then the job completes behind it, and the garbage was dead-lettered once and counted
    awaitJob(jobId, JobStatus.SUCCEEDED);
    await()
        .atMost(JOB_TIMEOUT)
        .until(
            () ->
                counter(MetricNames.DEAD_LETTERS_UNPARSEABLE) - unparseableBefore == 1
                    && counter(
                                MetricNames.DEAD_LETTERS,
                                MetricNames.TAG_EXCEPTION,
                                "DeserializationException")
                            - deadLettersBefore
                        == 1);
  }

  @Test
  void unprocessableMessageFailsExactlyItsSegmentsAndTheRestAreTranslated() {
    // Given a job of three messages, the middle one in a schema version no worker here knows
    List<String> texts = GermanSentences.distinct(9);
    String jobId = seedJob(texts);
    List<TranslationBatchMessage> messages = new ArrayList<>(messages(jobId, texts, 3));
    TranslationBatchMessage middle = messages.get(1);
    messages.set(1, new TranslationBatchMessage(3, jobId, middle.segments(), Instant.now()));

    // When all three are published
    messages.forEach(WorkerIntegrationTest::publish);

    // Then the job ends partially failed with exactly the middle message's segments failed
    Job job = awaitJob(jobId, JobStatus.PARTIALLY_FAILED);
    assertThat(job.done()).isEqualTo(6);
    assertThat(job.failed()).isEqualTo(3);
    List<SegmentRow> rows = segments(jobId);
    for (SegmentRow row : rows) {
      if (row.index() >= 3 && row.index() < 6) {
        assertThat(row.status()).isEqualTo("FAILED");
        assertThat(row.translation()).isNull();
        assertThat(row.error()).startsWith("Dead-lettered: ").contains("schema version 3");
      } else {
        assertThat(row.status()).isEqualTo("DONE");
        assertThat(row.translation()).isNotBlank();
      }
    }
  }

  @Test
  void aJobInALanguagePairThisModelDoesNotTranslateFailsWithAClearReason() {
    // Given a job stored for French to English, which this worker's model does not translate
    String jobId = seedJob(List.of("Bonjour."), new LanguagePair("fr", "en"));

    // When a message names it
    publish(TranslationBatchMessage.of(jobId, List.of(0), Instant.now()));

    // Then its segment fails, saying which pair the model translates
    awaitJob(jobId, JobStatus.FAILED);
    assertThat(segments(jobId).getFirst().error())
        .contains("No model for fr-en")
        .contains("translates de-en");
  }

  @Test
  void overLongSegmentFailsAloneWhileItsNeighboursAreTranslated() {
    // Given a message whose middle segment is longer than the engine accepts
    String tooLong = "Das ist ein sehr langer Satz. ".repeat(1_000);
    List<String> texts = List.of("Guten Tag.", tooLong, "Danke schön.");
    String jobId = seedJob(texts);

    // When it is processed
    publish(TranslationBatchMessage.of(jobId, List.of(0, 1, 2), Instant.now()));

    // Then only that segment failed, with the engine's message saying what is allowed
    Job job = awaitJob(jobId, JobStatus.PARTIALLY_FAILED);
    assertThat(job.done()).isEqualTo(2);
    assertThat(job.failed()).isEqualTo(1);
    List<SegmentRow> rows = segments(jobId);
    assertThat(rows.get(1).status()).isEqualTo("FAILED");
    assertThat(rows.get(1).error())
        .contains(tooLong.length() + " characters")
        .contains("at most " + engine().options().maxTextChars());
    assertThat(rows.get(0).status()).isEqualTo("DONE");
    assertThat(rows.get(2).status()).isEqualTo("DONE");
  }
}
