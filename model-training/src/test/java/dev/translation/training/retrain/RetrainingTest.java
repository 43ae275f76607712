package dev.translation.training.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.engine.StarterModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What retraining refuses before it trains. */
class RetrainingTest {

  @TempDir Path temp;

  private Retraining.Request request(List<Correction> corrections) {
    return Retraining.Request.of(
        StarterModel.bundle(),
        corrections,
        temp.resolve("work"),
        temp.resolve("bundle"),
        "de-en-starter",
        "5");
  }

  /** Corrections with ids 1 to {@code count - 1}. */
  private static List<Correction> corrections(long count) {
    return LongStream.range(1, count)
        .mapToObj(id -> new Correction(id, "Der Termin " + id + " ist heute.", "It is " + id + "."))
        .toList();
  }

  @Test
  void refusesWhenThereIsNothingToTrainOn() {
    assertThatThrownBy(() -> Retraining.run(request(List.of()), progress -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Nothing to retrain on: there are no new corrections and no corpus pairs.");
  }

  @Test
  void refusesWhenNoCorrectionFallsIntoTheHeldOutShare() throws Exception {
    List<Correction> notHeldOut =
        corrections(200).stream()
            .filter(c -> CorrectionSplit.percentile(c.id()) >= 20)
            .limit(3)
            .toList();
    Path corpus = temp.resolve("corpus.tsv");
    Files.writeString(corpus, "Das Auto ist rot.\tThe car is red.\n");

    assertThatThrownBy(
            () -> Retraining.run(request(notHeldOut).withCorpora(List.of(corpus)), progress -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Too few corrections to compare the new model with its base: none of the 3"
                + " corrections falls into the 20% held out for evaluation");
    assertThat(temp.resolve("work/checkpoints")).doesNotExist();
  }

  @Test
  void refusesWhenEveryCorrectionIsNeededForEvaluationAndThereIsNoCorpus() {
    List<Correction> heldOutOrDev = new ArrayList<>();
    heldOutOrDev.addAll(
        corrections(200).stream()
            .filter(c -> CorrectionSplit.percentile(c.id()) < 20)
            .limit(2)
            .toList());
    heldOutOrDev.addAll(
        corrections(200).stream()
            .filter(c -> CorrectionSplit.percentile(c.id()) >= 20)
            .filter(c -> CorrectionSplit.percentile(c.id()) < 30)
            .limit(2)
            .toList());

    assertThatThrownBy(() -> Retraining.run(request(heldOutOrDev), progress -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Nothing to retrain on: all 4 corrections are needed for evaluation");
  }

  @Test
  void refusesAWorkDirectoryThatHoldsAnotherRetraining() throws Exception {
    Path work = temp.resolve("work");
    Files.createDirectories(work);
    Files.writeString(work.resolve("retraining.txt"), "base other@1\n");

    assertThatThrownBy(() -> Retraining.run(request(corrections(40)), progress -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds a retraining of another base model or other data");
  }

  @Test
  void refusesATestSetNamedLikeTheHeldOutCorrections() {
    assertThatThrownBy(
            () ->
                request(corrections(40))
                    .withTestSets(
                        List.of(
                            new Retraining.TestSet(
                                Retraining.HELD_OUT_TEST_SET, temp.resolve("x.tsv")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
  }
}
