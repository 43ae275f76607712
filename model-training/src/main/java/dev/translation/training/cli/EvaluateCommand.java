package dev.translation.training.cli;

import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.engine.inference.DecodeOptions;
import dev.translation.engine.inference.Translation;
import dev.translation.engine.inference.TranslationEngine;
import dev.translation.training.corpus.SentencePair;
import dev.translation.training.corpus.TsvCorpusReader;
import dev.translation.training.evaluation.DictionaryBaseline;
import dev.translation.training.evaluation.EvaluationReport;
import dev.translation.training.evaluation.Evaluator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scores a bundle on a test set with BLEU and chrF, next to a word-for-word dictionary baseline
 * built from the training data, so a reader sees what the neural model adds.
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
    List<SentencePair> testSet = TsvCorpusReader.read(test);
    String name =
        testName != null ? testName : test.getFileName().toString().replaceAll("\\.tsv$", "");
    String system = decoding.systemName();
    DecodeOptions decode = decoding.decodeOptions();
    List<ModelManifest.Metric> metrics = new ArrayList<>();
    try (TranslationEngine engine = TranslationEngine.open(bundle)) {
      long start = System.nanoTime();
      EvaluationReport model =
          Evaluator.evaluate(
              name,
              testSet,
              sources ->
                  engine.translate(sources, decode).stream().map(Translation::text).toList());
      double seconds = (System.nanoTime() - start) / 1e9;
      print(engine.manifest().id() + " (" + system + ")", model);
      System.out.printf(
          Locale.ROOT, "  translated %d sentences in %.1f s%n", model.sentences(), seconds);
      metrics.add(metric(model, system));
      if (baselineTrain != null) {
        DictionaryBaseline baseline = DictionaryBaseline.build(TsvCorpusReader.read(baselineTrain));
        EvaluationReport dictionary = Evaluator.evaluate(name, testSet, baseline::translateAll);
        print("dictionary baseline (" + baseline.size() + " entries)", dictionary);
        metrics.add(metric(dictionary, "dictionary-baseline"));
      }
      for (String sentence : show) {
        System.out.printf("  %s -> %s%n", sentence, engine.translate(sentence, decode).text());
      }
    }
    if (record) {
      ModelManifest manifest = ModelBundle.readManifest(bundle);
      List<ModelManifest.Metric> merged = new ArrayList<>();
      for (ModelManifest.Metric existing :
          manifest.metrics() == null ? List.<ModelManifest.Metric>of() : manifest.metrics()) {
        boolean replaced =
            metrics.stream()
                .anyMatch(
                    m ->
                        m.testSet().equals(existing.testSet())
                            && m.system().equals(existing.system()));
        if (!replaced) {
          merged.add(existing);
        }
      }
      merged.addAll(metrics);
      ModelBundle.writeManifest(bundle, manifest.withMetrics(merged));
      System.out.println("recorded scores in " + bundle.resolve(ModelManifest.FILE_NAME));
    }
    return 0;
  }

  private static ModelManifest.Metric metric(EvaluationReport report, String system) {
    return new ModelManifest.Metric(
        report.testSetName(),
        system,
        report.sentences(),
        Math.round(report.bleu() * 100) / 100.0,
        Math.round(report.chrf() * 100) / 100.0);
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
