package dev.translation.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.contracts.TranslationBatchMessage.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TranslationBatchMessageTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
  private static final String JOB = "6f1c2b1e-3f43-4a8e-9a51-0b7c6c1d2e3f";

  @Test
  void factoryWritesTheCurrentSchemaVersionAndOnlyReferences() {
    TranslationBatchMessage message = TranslationBatchMessage.of(JOB, List.of(0, 1), NOW);

    assertThat(message.schemaVersion())
        .isEqualTo(TranslationBatchMessage.SCHEMA_VERSION)
        .isEqualTo(2);
    assertThat(message.indexes()).containsExactly(0, 1);
  }

  @Test
  void segmentListIsACopyThatCannotBeChanged() {
    List<Segment> segments = new ArrayList<>(List.of(new Segment(3), new Segment(4)));
    TranslationBatchMessage message = new TranslationBatchMessage(2, JOB, segments, NOW);

    segments.clear();

    assertThat(message.indexes()).containsExactly(3, 4);
    assertThatThrownBy(() -> message.segments().add(new Segment(5)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsAnEmptyOrOversizedBatch() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TranslationBatchMessage.of(JOB, List.of(), NOW))
        .withMessageContaining("at least one segment");
    List<Integer> tooMany =
        IntStream.rangeClosed(0, TranslationBatchMessage.MAX_SEGMENTS).boxed().toList();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TranslationBatchMessage.of(JOB, tooMany, NOW))
        .withMessageContaining("at most 1000 segments");
  }

  @Test
  void rejectsTheSameSegmentIndexTwice() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TranslationBatchMessage.of(JOB, List.of(7, 7), NOW))
        .withMessageContaining("index 7 appears twice");
  }

  @Test
  void rejectsSchemaVersionBelowOne() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TranslationBatchMessage(0, JOB, List.of(new Segment(0)), NOW));
  }

  @Test
  void rejectsAnythingButACanonicalJobId() {
    List<Segment> segments = List.of(new Segment(0));
    for (String bad :
        new String[] {
          null,
          "",
          " ",
          "job-1",
          JOB.toUpperCase(),
          JOB + " ",
          "6f1c2b1e-3f43-4a8e-9a51-0b7c6c1d2e3\u00e9",
          "6f1c2b1e-3f43-4a8e-9a51-0b7c6c1d2e3\u0663",
          "6f1c2b1e3f434a8e9a510b7c6c1d2e3f"
        }) {
      assertThatIllegalArgumentException()
          .as("job id %s", bad)
          .isThrownBy(() -> new TranslationBatchMessage(2, bad, segments, NOW))
          .withMessageContaining("jobId must be a lower-case UUID");
    }
    assertThat(TranslationBatchMessage.isJobId(JOB)).isTrue();
  }

  @Test
  void rejectsMissingTimestamp() {
    assertThatNullPointerException()
        .isThrownBy(() -> new TranslationBatchMessage(2, JOB, List.of(new Segment(0)), null))
        .withMessage("enqueuedAt");
  }

  @Test
  void segmentRejectsNegativeIndex() {
    assertThatIllegalArgumentException().isThrownBy(() -> new Segment(-1));
  }
}
