package dev.translation.training.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.translation.engine.StarterModel;
import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.engine.inference.DecodeOptions;
import dev.translation.training.trainer.Hyperparameters;
import dev.translation.training.trainer.TrainingProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retrains the starter model on corrections with real DJL training. */
class RetrainingIT {

  /**
   * Office nouns the starter model gets wrong ("Termin" becomes "date", "Rechnung" "bill", "Kunde"
   * "waiting", "Bestellung" "exhibition") or right, in ten short sentences each: every held-out
   * correction repeats a noun and a predicate the training corrections teach.
   */
  private static final String[][] NOUNS = {
    {"Der Termin", "The appointment"},
    {"Die Rechnung", "The invoice"},
    {"Der Kunde", "The customer"},
    {"Die Bestellung", "The order"},
    {"Die Lieferung", "The delivery"},
    {"Der Vertrag", "The contract"},
  };

  private static final String[][] PREDICATES = {
    {"ist wichtig", "is important"},
    {"ist neu", "is new"},
    {"ist morgen", "is tomorrow"},
    {"ist fertig", "is ready"},
    {"ist falsch", "is wrong"},
    {"ist heute", "is today"},
    {"kommt später", "comes later"},
    {"ist bestätigt", "is confirmed"},
    {"wurde geändert", "was changed"},
    {"fehlt noch", "is still missing"},
  };

  private static final List<String> CORPUS =
      List.of(
          "Das Auto ist rot.\tThe car is red.",
          "Der Hund schläft.\tThe dog is sleeping.",
          "Ich habe Hunger.\tI am hungry.",
          "Wo ist der Bahnhof?\tWhere is the station?",
          "Das Wetter ist schön.\tThe weather is nice.",
          "Wir gehen nach Hause.\tWe are going home.",
          "Das Buch ist alt.\tThe book is old.",
          "Die Tür ist offen.\tThe door is open.");

  @TempDir Path temp;

  @Test
  void retrainingOnCorrectionsImprovesChrfOnTheHeldOutOnesAndRecordsItsScoresAndLineage()
      throws Exception {
    Path corpus = temp.resolve("corpus.tsv");
    Files.write(corpus, CORPUS);
    Path general = temp.resolve("general.tsv");
    Files.write(general, CORPUS.subList(0, 4));
    Path bundleOut = temp.resolve("bundle");
    List<TrainingProgress> progress = new ArrayList<>();

    Retraining.Result result =
        Retraining.run(
            Retraining.Request.of(
                    StarterModel.bundle(),
                    corrections(),
                    temp.resolve("work"),
                    bundleOut,
                    "de-en-starter",
                    "5")
                .withCorpora(List.of(corpus))
                .withTestSets(List.of(new Retraining.TestSet("general", general)))
                .withHyperparameters(
                    new Hyperparameters(256, 3e-4, 5, 50, 10, 25, 10, 64, 1, 1, 1)),
            progress::add);

    Retraining.Scores heldOut = result.heldOutScores();
    assertThat(heldOut.base().sentences()).isEqualTo(result.heldOutIds().size()).isGreaterThan(5);
    assertThat(heldOut.retrained().chrf())
        .as("chrF on the held-out corrections, base %.2f", heldOut.base().chrf())
        .isGreaterThan(heldOut.base().chrf() + 5);
    assertThat(result.scores("general").base().sentences()).isEqualTo(4);

    assertThat(result.steps()).isEqualTo(50);
    assertThat(result.resumedFromStep()).isZero();
    assertThat(progress).extracting(TrainingProgress::step).containsExactly(25L, 50L);
    assertThat(progress).allSatisfy(p -> assertThat(p.devLoss()).isNotNull());
    assertThat(progress.getLast().targetTokensPerSecond()).isPositive();
    assertThat(progress.getFirst().eta().isPositive()).isTrue();
    assertThat(progress.getLast().eta().isZero()).isTrue();
    assertThat(progress.getLast().elapsed()).isGreaterThan(progress.getFirst().elapsed());

    ModelManifest manifest = ModelBundle.open(bundleOut).manifest();
    assertThat(manifest).isEqualTo(result.manifest());
    assertThat(manifest.id()).isEqualTo("de-en-starter@5");
    assertThat(manifest.training().basedOn()).isEqualTo("de-en-starter@4");
    assertThat(result.lineage().basedOn()).isEqualTo("de-en-starter@4");
    assertThat(manifest.training().data())
        .anyMatch(line -> line.startsWith(result.trainedOnIds().size() + " user corrections"));
    assertThat(manifest.metrics())
        .anySatisfy(
            metric -> {
              assertThat(metric.testSet()).isEqualTo(Retraining.HELD_OUT_TEST_SET);
              assertThat(metric.system()).isEqualTo("model beam-4");
              assertThat(metric.chrf()).isCloseTo(heldOut.retrained().chrf(), within(0.01));
            })
        .anySatisfy(metric -> assertThat(metric.testSet()).isEqualTo("general"));

    List<Long> all = new ArrayList<>(result.trainedOnIds());
    all.addAll(result.devIds());
    all.addAll(result.heldOutIds());
    assertThat(all)
        .containsExactlyInAnyOrderElementsOf(corrections().stream().map(Correction::id).toList());
    String trainingData = Files.readString(temp.resolve("work/data/train.tsv"));
    for (Correction held : byIds(result.heldOutIds())) {
      assertThat(trainingData).doesNotContain(held.source() + "\t" + held.correctedTranslation());
    }
  }

  @Test
  void aRetrainingKilledMidTrainingResumesFromItsLastCheckpointAndHoldsOutTheSameCorrections()
      throws Exception {
    Retraining.Request request =
        Retraining.Request.of(
                StarterModel.bundle(),
                corrections(),
                temp.resolve("work"),
                temp.resolve("bundle"),
                "de-en-starter",
                "5")
            .withHyperparameters(new Hyperparameters(256, 1e-4, 0, 12, 10, 3, 100, 64, 1, 1, 1))
            .withDecoding(DecodeOptions.greedy());
    List<TrainingProgress> killed = new ArrayList<>();

    assertThatThrownBy(
            () ->
                Retraining.run(
                    request,
                    report -> {
                      killed.add(report);
                      if (report.step() >= 6) {
                        throw new IllegalStateException("pod killed");
                      }
                    }))
        .hasMessage("pod killed");
    assertThat(killed).extracting(TrainingProgress::step).containsExactly(3L, 6L);
    assertThat(temp.resolve("bundle")).doesNotExist();

    List<TrainingProgress> resumed = new ArrayList<>();
    Retraining.Result result =
        Retraining.run(request.withCorrections(corrections().reversed()), resumed::add);

    assertThat(resumed).extracting(TrainingProgress::step).containsExactly(9L, 12L);
    assertThat(resumed).allSatisfy(p -> assertThat(p.resumedFromStep()).isEqualTo(6));
    assertThat(result.resumedFromStep()).isEqualTo(6);
    assertThat(result.steps()).isEqualTo(12);
    assertThat(result.manifest().training().steps()).isEqualTo(12);
    assertThat(result.heldOutIds())
        .isEqualTo(CorrectionSplit.of(corrections(), 20).heldOutIds())
        .isNotEmpty();

    // A pod killed after training but before the job recorded the result trains no further.
    List<TrainingProgress> afterTraining = new ArrayList<>();
    Retraining.Result rerun = Retraining.run(request, afterTraining::add);

    assertThat(afterTraining).isEmpty();
    assertThat(rerun.steps()).isEqualTo(12);
    assertThat(rerun.resumedFromStep()).isEqualTo(12);
    assertThat(rerun.stopReason()).isEqualTo("reached maxSteps 12");
    assertThat(rerun.heldOutScores().retrained()).isEqualTo(result.heldOutScores().retrained());
  }

  private static List<Correction> corrections() {
    List<Correction> corrections = new ArrayList<>();
    long id = 101;
    for (String[] noun : NOUNS) {
      for (String[] predicate : PREDICATES) {
        corrections.add(
            new Correction(
                id++, noun[0] + " " + predicate[0] + ".", noun[1] + " " + predicate[1] + "."));
      }
    }
    return corrections;
  }

  private static List<Correction> byIds(List<Long> ids) {
    return corrections().stream().filter(c -> ids.contains(c.id())).toList();
  }
}
