package dev.translation.submit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.SegmentStatus;
import dev.translation.submit.persistence.StoredSegment;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextAssemblerTest {

  private static StoredSegment done(int index, int text, int breaks, String translation) {
    return new StoredSegment(index, text, breaks, SegmentStatus.DONE, translation, null, "m:1");
  }

  private static StoredSegment with(int index, int text, SegmentStatus status, String error) {
    return new StoredSegment(index, text, 0, status, null, error, null);
  }

  @Test
  void aTextIsDoneWhenAllItsSentencesAreAndKeepsItsLines() {
    List<TextResult> texts =
        TextAssembler.texts(
            List.of(
                done(0, 0, 0, "Good morning."),
                done(1, 0, 0, "How are you?"),
                done(2, 0, 2, "Fine."),
                done(3, 1, 0, "Thanks.")));

    assertThat(texts)
        .containsExactly(
            new TextResult(
                0, SegmentStatus.DONE, "Good morning. How are you?\n\nFine.", null, "m:1"),
            new TextResult(1, SegmentStatus.DONE, "Thanks.", null, "m:1"));
  }

  @Test
  void pendingOutranksFailedWhichOutranksCancelled() {
    List<TextResult> texts =
        TextAssembler.texts(
            List.of(
                done(0, 0, 0, "a"),
                with(1, 0, SegmentStatus.PENDING, null),
                with(2, 0, SegmentStatus.FAILED, "boom"),
                with(3, 1, SegmentStatus.CANCELLED, null),
                with(4, 1, SegmentStatus.FAILED, "refused"),
                with(5, 2, SegmentStatus.CANCELLED, null)));

    assertThat(texts)
        .extracting(TextResult::status)
        .containsExactly(SegmentStatus.PENDING, SegmentStatus.FAILED, SegmentStatus.CANCELLED);
    assertThat(texts.get(0).translation()).isNull();
    assertThat(texts.get(1).error()).isEqualTo("sentence 2 of 2 failed: refused");
  }

  @Test
  void aOneSentenceTextReportsItsErrorAsItIs() {
    assertThat(TextAssembler.texts(List.of(with(0, 0, SegmentStatus.FAILED, "too long"))))
        .containsExactly(new TextResult(0, SegmentStatus.FAILED, null, "too long", null));
  }
}
