package dev.translation.training.cli;

import dev.translation.engine.bundle.ModelManifest;
import dev.translation.training.evaluation.BundleEvaluation;
import dev.translation.training.evaluation.EvaluationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command line of {@link BundleEvaluation}: scores a bundle on a test set, optionally next to a
 * dictionary baseline, and prints the scores.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Scores a model bundle (and optionally a dictionary baseline) on a TSV test set.")
final class EvaluateCommand implements Callable<Integer> {

  @Option(names = "--bundle", required = true, description = "Model bundle directory")
  Path bundle;

  @Option(names = "--test", required = true, description = "Test pairs, German<TAB>English")
  Path test;

  @Option(
      names = "--test-name",
      description = "Name recorded for the test set (default: file name)")
  String testName;

  @Option(
      names = "--baseline-train",
      description = "Training pairs to build the dictionary baseline from")
  Path baselineTrain;

  @Mixin DecodingOptions decoding;

  @Option(names = "--record", description = "Write the scores into the bundle's model.json")
  boolean record;

  @Option(
      names = "--show",
      description = "Sentences to translate and print after scoring (repeatable)")
  List<String> show = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    BundleEvaluation.Result result =
        BundleEvaluation.run(
            new BundleEvaluation.Request(
                bundle, test, testName, baselineTrain, decoding.decodeOptions(), show));
    print(result.modelId() + " (" + result.system() + ")", result.model());
    System.out.printf(
        Locale.ROOT,
        "  translated %d sentences in %.1f s%n",
        result.model().sentences(),
        result.modelTime().toMillis() / 1000.0);
    if (result.baseline() != null) {
      print("dictionary baseline (" + result.baselineEntries() + " entries)", result.baseline());
    }
    result
        .examples()
        .forEach((source, target) -> System.out.printf("  %s -> %s%n", source, target));
    if (record) {
      BundleEvaluation.record(bundle, result.metrics());
      System.out.println("recorded scores in " + bundle.resolve(ModelManifest.FILE_NAME));
    }
    return 0;
  }

  private static void print(String system, EvaluationReport report) {
    System.out.printf(
        Locale.ROOT,
        "%-44s %-24s n=%-5d BLEU %6.2f  chrF %6.2f%n",
        system,
        report.testSetName(),
        report.sentences(),
        report.bleu(),
        report.chrf());
  }
}
