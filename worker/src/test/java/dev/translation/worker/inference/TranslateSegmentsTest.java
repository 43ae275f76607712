package dev.translation.worker.inference;

import static dev.translation.worker.inference.FakeModel.translationOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.Lane;
import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.MetricNames;
import dev.translation.contracts.SegmentStatus;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.worker.persistence.InMemoryTables;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TranslateSegmentsTest {

  private static final LanguagePair DE_EN = LanguagePair.GERMAN_TO_ENGLISH;
  private static final String MODEL_VERSION = FakeModel.MANIFEST.id();
  private static final String JOB_A = "00000000-0000-4000-8000-00000000000a";
  private static final String JOB_B = "00000000-0000-4000-8000-00000000000b";
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private final InMemoryTables tables = new InMemoryTables();
  private final FakeModel model = new FakeModel();
  private final DynamicBatcher batcher = new DynamicBatcher(model, 1, 1_000, Duration.ZERO);
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final TranslateSegments service =
      new TranslateSegments(
          tables.segmentRepository(),
          new TranslationMemory(tables.memoryRepository()),
          new ServingModels(
              DE_EN,
              ServingModels.Rollout.of(new ServedModel(FakeModel.MANIFEST, batcher, () -> {}))),
          tables.resultStore(),
          new TranslationMetrics(meters, Lane.INTERACTIVE),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @AfterEach
  void closeBatcher() {
    batcher.close();
  }

  @Test
  void aRememberedSourceIsServedFromMemoryAndOnlyTheRestGoesToTheModel() {
    // Given a job whose first sentence this model version translated before
    tables.remember(DE_EN, MODEL_VERSION, "Guten Morgen.", "Good morning (remembered).");
    tables.addJob(JOB_A, DE_EN, List.of("Guten Morgen.", "Gute Nacht."));

    // When its message is handled
    service.translate(List.of(message(JOB_A, 0, 1)));

    // Then the remembered translation is used and counted; only the other sentence was translated
    assertThat(tables.translation(JOB_A, 0)).isEqualTo("Good morning (remembered).");
    assertThat(tables.translation(JOB_A, 1)).isEqualTo(translationOf("Gute Nacht."));
    assertThat(model.calls()).containsExactly(List.of("Gute Nacht."));
    assertThat(tables.memoryHits(DE_EN, MODEL_VERSION, "Guten Morgen.")).isEqualTo(1);
    assertThat(counter(MetricNames.MEMORY_HITS)).isEqualTo(1);
  }

  @Test
  void equalSourcesInOneCallAreTranslatedOnceAndRemembered() {
    // Given two jobs that share a sentence, one of them twice
    tables.addJob(JOB_A, DE_EN, List.of("Danke.", "Bitte.", "Danke."));
    tables.addJob(JOB_B, DE_EN, List.of("Danke."));

    // When their messages are handled together
    service.translate(List.of(message(JOB_A, 0, 1, 2), message(JOB_B, 0)));

    // Then the model saw each distinct sentence once, and every segment got its translation
    assertThat(model.calls()).containsExactly(List.of("Danke.", "Bitte."));
    assertThat(tables.translation(JOB_A, 0)).isEqualTo(translationOf("Danke."));
    assertThat(tables.translation(JOB_A, 1)).isEqualTo(translationOf("Bitte."));
    assertThat(tables.translation(JOB_A, 2)).isEqualTo(translationOf("Danke."));
    assertThat(tables.translation(JOB_B, 0)).isEqualTo(translationOf("Danke."));
    // The two repeats count as memory hits on the entry the model's translation became
    assertThat(tables.memoryHits(DE_EN, MODEL_VERSION, "Danke.")).isEqualTo(2);
    assertThat(tables.memoryHits(DE_EN, MODEL_VERSION, "Bitte.")).isZero();
    assertThat(counter(MetricNames.MEMORY_HITS)).isEqualTo(2);
  }

  @Test
  void aTextTheModelRefusesFailsAloneAndTheOthersAreTranslated() {
    // Given a job whose middle segment the engine will refuse
    String refused = FakeModel.REFUSED + " far too long";
    tables.addJob(JOB_A, DE_EN, List.of("Eins.", refused, "Drei."));

    // When its message is handled
    service.translate(List.of(message(JOB_A, 0, 1, 2)));

    // Then the shared call was refused, each text was tried alone, and only the refused one failed
    assertThat(model.calls())
        .containsExactly(
            List.of("Eins.", refused, "Drei."),
            List.of("Eins."),
            List.of(refused),
            List.of("Drei."));
    assertThat(tables.status(JOB_A, 0)).isEqualTo(SegmentStatus.DONE);
    assertThat(tables.status(JOB_A, 2)).isEqualTo(SegmentStatus.DONE);
    assertThat(tables.status(JOB_A, 1)).isEqualTo(SegmentStatus.FAILED);
    assertThat(tables.error(JOB_A, 1))
        .isEqualTo(
            "Invalid input: Text 0 has "
                + refused.length()
                + " characters; at most 10 are"
                + " allowed");
    assertThat(tables.memoryHits(DE_EN, MODEL_VERSION, refused)).isNull();
    assertThat(counter(MetricNames.SEGMENTS, MetricNames.TAG_OUTCOME, "done")).isEqualTo(2);
    assertThat(counter(MetricNames.SEGMENTS, MetricNames.TAG_OUTCOME, "failed")).isEqualTo(1);
  }

  @Test
  void segmentsNoLongerPendingAreNeitherTranslatedNorWritten() {
    // Given a job whose first segment an earlier delivery translated and whose second was cancelled
    tables.addJob(JOB_A, DE_EN, List.of("Eins.", "Zwei.", "Drei."));
    tables.finish(JOB_A, 0, SegmentStatus.DONE, "One (earlier delivery).");
    tables.finish(JOB_A, 1, SegmentStatus.CANCELLED, null);

    // When a message naming all three is handled
    service.translate(List.of(message(JOB_A, 0, 1, 2)));

    // Then only the pending one went to the model, and the others are as they were
    assertThat(model.calls()).containsExactly(List.of("Drei."));
    assertThat(tables.translation(JOB_A, 0)).isEqualTo("One (earlier delivery).");
    assertThat(tables.status(JOB_A, 1)).isEqualTo(SegmentStatus.CANCELLED);
    assertThat(tables.translation(JOB_A, 1)).isNull();
    assertThat(tables.translation(JOB_A, 2)).isEqualTo(translationOf("Drei."));
    assertThat(counter(MetricNames.SEGMENTS, MetricNames.TAG_OUTCOME, "done")).isEqualTo(1);
  }

  @Test
  void aRedeliveredMessageWhoseSegmentsAreAllFinishedChangesNothing() {
    // Given a message that has been handled
    tables.addJob(JOB_A, DE_EN, List.of("Eins.", "Zwei."));
    TranslationBatchMessage message = message(JOB_A, 0, 1);
    service.translate(List.of(message));

    // When it is delivered again
    service.translate(List.of(message));

    // Then neither the model nor the database was asked for anything more
    assertThat(model.calls()).hasSize(1);
    assertThat(tables.writes()).isEqualTo(1);
    assertThat(counter(MetricNames.SEGMENTS, MetricNames.TAG_OUTCOME, "done")).isEqualTo(2);
  }

  private static TranslationBatchMessage message(String jobId, Integer... indexes) {
    return TranslationBatchMessage.of(jobId, List.of(indexes), NOW);
  }

  @Test
  void duringACanaryEachSegmentIsTranslatedAndRecordedByTheVersionItIsRoutedTo() {
    // Given a canary on 30 % of segments, and a sentence each version has in its own memory
    FakeModel canaryModel = new FakeModel();
    DynamicBatcher canaryCalls = new DynamicBatcher(canaryModel, 1, 1_000, Duration.ZERO);
    ServedModel active = new ServedModel(FakeModel.MANIFEST, batcher, () -> {});
    ServedModel canary = new ServedModel(FakeModel.manifest("2"), canaryCalls, canaryCalls::close);
    ServingModels.Rollout rollout = new ServingModels.Rollout(active, canary, 30, 2);
    TranslateSegments withCanary =
        new TranslateSegments(
            tables.segmentRepository(),
            new TranslationMemory(tables.memoryRepository()),
            new ServingModels(DE_EN, rollout),
            tables.resultStore(),
            new TranslationMetrics(meters, Lane.INTERACTIVE),
            Clock.fixed(NOW, ZoneOffset.UTC));
    tables.remember(DE_EN, canary.id(), "Danke.", "Thanks (canary memory).");
    List<String> texts = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      texts.add(i % 10 == 0 ? "Danke." : "Satz " + i + ".");
    }
    tables.addJob(JOB_A, DE_EN, texts);

    // When its message is handled
    Integer[] indexes = java.util.stream.IntStream.range(0, 100).boxed().toArray(Integer[]::new);
    withCanary.translate(List.of(message(JOB_A, indexes)));

    // Then every segment carries the version it was routed to, and only that version's memory
    int onCanary = 0;
    for (int i = 0; i < 100; i++) {
      ServedModel expected = rollout.modelFor(JOB_A, i);
      assertThat(tables.modelVersion(JOB_A, i)).isEqualTo(expected.id());
      if (expected == canary) {
        onCanary++;
      }
      if (texts.get(i).equals("Danke.")) {
        assertThat(tables.translation(JOB_A, i))
            .isEqualTo(expected == canary ? "Thanks (canary memory)." : translationOf("Danke."));
      }
    }
    assertThat(onCanary).isBetween(15, 45);
    assertThat(counter(MetricNames.SEGMENTS, MetricNames.TAG_MODEL_VERSION, canary.id()))
        .isEqualTo(onCanary);
    assertThat(counter(MetricNames.SEGMENTS, MetricNames.TAG_MODEL_VERSION, active.id()))
        .isEqualTo(100 - onCanary);
    canaryCalls.close();
  }

  private double counter(String name, String... tags) {
    Counter counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }
}
