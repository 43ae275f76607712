package dev.translation.launcher.modeljobs;

import dev.translation.engine.bundle.ModelManifest;
import dev.translation.engine.inference.DecodeOptions;
import dev.translation.launcher.batch.BadInputException;
import dev.translation.launcher.config.LauncherProperties;
import dev.translation.training.evaluation.BundleEvaluation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores bundles on the named test sets the gate uses, decoded the same way for every version in
 * one job, so the comparison is fair whatever the registry recorded earlier.
 */
final class ModelEvaluations {

  private final LauncherProperties.Models settings;

  ModelEvaluations(LauncherProperties.Models settings) {
    this.settings = settings;
  }

  /** How the gate's evaluations decode. */
  DecodeOptions decoding() {
    return settings.evaluationBeamSize() <= 1
        ? DecodeOptions.greedy()
        : DecodeOptions.beam(settings.evaluationBeamSize());
  }

  /** The file of a named test set (cut to the configured size in {@code scratch}). */
  Path testSet(String name, Path scratch) {
    Path directory =
        settings
            .testSetsPath()
            .orElseThrow(
                () ->
                    new BadInputException(
                        "no test sets directory " + settings.testSetsDirectory()));
    Path file = directory.resolve(name + ".tsv");
    if (!Files.isRegularFile(file)) {
      throw new BadInputException("no test set " + name + " in " + directory);
    }
    int max = settings.evaluationMaxSentences();
    if (max <= 0) {
      return file;
    }
    try {
      List<String> lines = Files.readAllLines(file);
      Files.createDirectories(scratch);
      Path cut = scratch.resolve(name + ".tsv");
      Files.write(cut, lines.subList(0, Math.min(max, lines.size())));
      return cut;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bundle's scores on each named test set, as registry metrics. */
  List<ModelManifest.Metric> score(Path bundle, List<String> testSets, Path scratch) {
    List<ModelManifest.Metric> metrics = new ArrayList<>();
    for (String name : testSets) {
      try {
        metrics.addAll(
            BundleEvaluation.run(
                    new BundleEvaluation.Request(
                        bundle, testSet(name, scratch), name, null, decoding(), List.of()))
                .metrics());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return metrics;
  }
}
