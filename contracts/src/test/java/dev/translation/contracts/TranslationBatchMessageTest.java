package dev.translation.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.contracts.TranslationBatchMessage.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranslationBatchMessageTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

  @Test
  void factoryWritesTheCurrentSchemaVersionAndLanguages() {
    TranslationBatchMessage message =
        TranslationBatchMessage.of(
            "job-1", LanguagePair.GERMAN_TO_ENGLISH, null, List.of(new Segment(0, "Hallo")), NOW);

    assertThat(message.schemaVersion()).isEqualTo(TranslationBatchMessage.SCHEMA_VERSION).isOne();
    assertThat(message.sourceLanguage()).isEqualTo("de");
    assertThat(message.targetLanguage()).isEqualTo("en");
    assertThat(message.languages()).isEqualTo(LanguagePair.GERMAN_TO_ENGLISH);
  }

  @Test
  void segmentListIsACopyThatCannotBeChanged() {
    List<Segment> segments =
        new ArrayList<>(List.of(new Segment(3, "eins"), new Segment(4, "zwei")));
    TranslationBatchMessage message =
        TranslationBatchMessage.of("job-1", LanguagePair.GERMAN_TO_ENGLISH, "m", segments, NOW);

    segments.clear();

    assertThat(message.segments()).extracting(Segment::index).containsExactly(3, 4);
    assertThatThrownBy(() -> message.segments().add(new Segment(5, "drei")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsAnEmptyBatch() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                TranslationBatchMessage.of(
                    "job-1", LanguagePair.GERMAN_TO_ENGLISH, null, List.of(), NOW))
        .withMessageContaining("at least one segment");
  }

  @Test
  void rejectsTheSameSegmentIndexTwice() {
    List<Segment> segments = List.of(new Segment(7, "a"), new Segment(7, "b"));

    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                TranslationBatchMessage.of(
                    "job-1", LanguagePair.GERMAN_TO_ENGLISH, null, segments, NOW))
        .withMessageContaining("index 7 appears twice");
  }

  @Test
  void rejectsUnknownSchemaVersionBelowOneAndBadLanguages() {
    List<Segment> segments = List.of(new Segment(0, "a"));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TranslationBatchMessage(0, "job-1", "de", "en", null, segments, NOW));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new TranslationBatchMessage(1, "job-1", "german", "en", null, segments, NOW))
        .withMessageContaining("source language 'german'");
  }

  @Test
  void rejectsMissingIdentityAndTimestamp() {
    List<Segment> segments = List.of(new Segment(0, "a"));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TranslationBatchMessage(1, " ", "de", "en", null, segments, NOW));
    assertThatNullPointerException()
        .isThrownBy(() -> new TranslationBatchMessage(1, "job-1", "de", "en", null, segments, null))
        .withMessage("enqueuedAt");
  }

  @Test
  void segmentRejectsNegativeIndexAndNullText() {
    assertThatIllegalArgumentException().isThrownBy(() -> new Segment(-1, "a"));
    assertThatNullPointerException().isThrownBy(() -> new Segment(0, null));
    assertThat(new Segment(0, "").text()).isEmpty();
  }
}
