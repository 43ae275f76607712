package dev.translation.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.engine.StarterModel;
import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.engine.inference.DecodeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluates the starter model on a tiny test set and records the scores into a bundle copy. */
class BundleEvaluationIT {

  @TempDir Path dir;

  @Test
  void scoresTheModelAndTheBaselineAndTranslatesTheExamples() throws Exception {
    Path test = testSet();
    Path dictionary = dir.resolve("dictionary.tsv");
    Files.writeString(dictionary, "Hunger\thunger\nBahnhof\tstation\n");

    BundleEvaluation.Result result =
        BundleEvaluation.run(
            new BundleEvaluation.Request(
                StarterModel.bundle(),
                test,
                null,
                dictionary,
                DecodeOptions.greedy(),
                List.of("Guten Morgen!")));

    assertThat(result.modelId()).isEqualTo(ModelBundle.open(StarterModel.bundle()).manifest().id());
    assertThat(result.system()).isEqualTo("model greedy");
    assertThat(result.model().testSetName()).isEqualTo("tiny");
    assertThat(result.model().sentences()).isEqualTo(2);
    assertThat(result.model().chrf()).isPositive();
    assertThat(result.baselineEntries()).isEqualTo(2);
    assertThat(result.baseline().bleu()).isLessThan(result.model().bleu());
    assertThat(result.metrics())
        .extracting(ModelManifest.Metric::system)
        .containsExactly("model greedy", BundleEvaluation.BASELINE_SYSTEM);
    assertThat(result.examples().get("Guten Morgen!")).containsIgnoringCase("morning");
  }

  @Test
  void recordingAgainReplacesTheSameSystemsScoresAndKeepsOthers() throws Exception {
    Path bundle = StarterModel.copyTo(dir.resolve("bundle"));
    ModelManifest.Metric other = new ModelManifest.Metric("other-set", "model greedy", 9, 1, 2);
    ModelManifest.Metric first = new ModelManifest.Metric("tiny", "model greedy", 2, 10, 20);
    ModelManifest.Metric second = new ModelManifest.Metric("tiny", "model greedy", 2, 11, 21);

    BundleEvaluation.record(bundle, List.of(other));
    BundleEvaluation.record(bundle, List.of(first));
    BundleEvaluation.record(bundle, List.of(second));

    ModelBundle recorded = ModelBundle.open(bundle);
    assertThat(recorded.manifest().metrics()).contains(other, second).doesNotContain(first);
  }

  @Test
  void systemNamesSayHowTheModelDecoded() {
    assertThat(BundleEvaluation.systemName(DecodeOptions.greedy())).isEqualTo("model greedy");
    assertThat(BundleEvaluation.systemName(DecodeOptions.beam(4))).isEqualTo("model beam-4");
    assertThat(BundleEvaluation.systemName(new DecodeOptions(4, 1.0)))
        .isEqualTo("model beam-4 lp-1.0");
  }

  private Path testSet() throws Exception {
    Path test = dir.resolve("tiny.tsv");
    Files.writeString(
        test, "Ich habe Hunger.\tI am hungry.\nWo ist der Bahnhof?\tWhere is the station?\n");
    return test;
  }
}
