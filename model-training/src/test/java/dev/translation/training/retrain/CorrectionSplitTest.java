package dev.translation.training.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CorrectionSplitTest {

  private static List<Correction> corrections(long from, long to) {
    return LongStream.range(from, to)
        .mapToObj(id -> new Correction(id, "Quelle " + id, "translation " + id))
        .toList();
  }

  @Test
  void theSameIdsAreHeldOutWhateverTheInputOrder() {
    List<Correction> ordered = corrections(1, 500);
    List<Correction> shuffled = new ArrayList<>(ordered);
    Collections.shuffle(shuffled, new Random(42));

    CorrectionSplit first = CorrectionSplit.of(ordered, 20);
    CorrectionSplit second = CorrectionSplit.of(shuffled, 20);
    CorrectionSplit reversed = CorrectionSplit.of(ordered.reversed(), 20);

    assertThat(second).isEqualTo(first);
    assertThat(reversed).isEqualTo(first);
  }

  @Test
  void aCorrectionKeepsItsPartWhenOtherCorrectionsComeAndGo() {
    CorrectionSplit small = CorrectionSplit.of(corrections(1, 200), 20);
    CorrectionSplit large = CorrectionSplit.of(corrections(100, 400), 20);

    List<Long> heldOutInBoth = small.heldOutIds().stream().filter(id -> id >= 100).toList();
    assertThat(large.heldOutIds()).containsAll(heldOutInBoth);
    assertThat(large.trainingIds()).doesNotContainAnyElementsOf(small.heldOutIds());
  }

  @Test
  void holdsOutAboutTheRequestedShareAndUsesTenPercentForEarlyStopping() {
    CorrectionSplit split = CorrectionSplit.of(corrections(1, 2001), 20);

    assertThat(split.heldOut()).hasSizeBetween(340, 460);
    assertThat(split.dev()).hasSizeBetween(150, 250);
    assertThat(split.training().size() + split.dev().size() + split.heldOut().size())
        .isEqualTo(2000);
    assertThat(split.trainingIds()).doesNotContainAnyElementsOf(split.heldOutIds());
    assertThat(split.trainingIds()).doesNotContainAnyElementsOf(split.devIds());
    assertThat(split.heldOutIds()).isSorted();
  }

  @Test
  void aLargerShareHoldsOutASupersetOfTheSmallerOne() {
    List<Correction> corrections = corrections(1, 300);

    assertThat(CorrectionSplit.of(corrections, 30).heldOutIds())
        .containsAll(CorrectionSplit.of(corrections, 10).heldOutIds());
  }

  @Test
  void refusesADuplicateIdAndAShareOutOfRange() {
    List<Correction> duplicate =
        List.of(new Correction(7, "a b c", "x y z"), new Correction(7, "d e f", "u v w"));

    assertThatThrownBy(() -> CorrectionSplit.of(duplicate, 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("correction id 7 appears more than once");
    assertThatThrownBy(() -> CorrectionSplit.of(corrections(1, 10), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 1 and 50 percent");
    assertThatThrownBy(() -> CorrectionSplit.of(corrections(1, 10), 60))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCorrectionWithoutTranslationIsRefused() {
    assertThatThrownBy(() -> new Correction(3, "Der Termin ist heute.", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("correction 3 has no corrected translation");
  }
}
