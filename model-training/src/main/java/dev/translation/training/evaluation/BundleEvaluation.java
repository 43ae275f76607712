package dev.translation.training.evaluation;

import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.engine.inference.DecodeOptions;
import dev.translation.engine.inference.Translation;
import dev.translation.engine.inference.TranslationEngine;
import dev.translation.training.corpus.SentencePair;
import dev.translation.training.corpus.TsvCorpusReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores a model bundle on a test set with BLEU and chrF, next to an optional word-for-word
 * dictionary baseline built from training data, so a reader sees what the neural model adds. The
 * one entry point for evaluation: the {@code evaluate} command and a model refresh both call {@link
 * #run}.
 */
public final class BundleEvaluation {

  /** The {@link ModelManifest.Metric#system()} name of the dictionary baseline. */
  public static final String BASELINE_SYSTEM = "dictionary-baseline";

  /**
   * What to evaluate.
   *
   * @param bundle the model bundle directory
   * @param testSet test pairs, German TAB English
   * @param testSetName the name scores are recorded under; null for the file name without {@code
   *     .tsv}
   * @param baselineTrainingSet training pairs to build the dictionary baseline from; null for none
   * @param decoding how the model decodes
   * @param examples sentences to translate after scoring, for a reader to look at
   */
  public record Request(
      Path bundle,
      Path testSet,
      String testSetName,
      Path baselineTrainingSet,
      DecodeOptions decoding,
      List<String> examples) {

    /** Validates the request and fills in the test set's name. */
    public Request {
      Objects.requireNonNull(bundle, "bundle");
      Objects.requireNonNull(testSet, "testSet");
      Objects.requireNonNull(decoding, "decoding");
      if (testSetName == null) {
        testSetName = testSet.getFileName().toString().replaceAll("\\.tsv$", "");
      }
      examples = examples == null ? List.of() : List.copyOf(examples);
    }

    /** Scores the bundle alone on a test set, with the given decoding. */
    public static Request of(Path bundle, Path testSet, DecodeOptions decoding) {
      return new Request(bundle, testSet, null, null, decoding, List.of());
    }
  }

  /**
   * The scores of one evaluation.
   *
   * @param modelId the bundle's model, e.g. {@code de-en-starter@1}
   * @param system how the model decoded, e.g. {@code model beam-4}
   * @param model the model's scores
   * @param modelTime how long the model took to translate the test set
   * @param baseline the dictionary baseline's scores; null when none was asked for
   * @param baselineEntries how many dictionary entries the baseline had (0 without one)
   * @param examples each example sentence with its translation, in request order
   */
  public record Result(
      String modelId,
      String system,
      EvaluationReport model,
      Duration modelTime,
      EvaluationReport baseline,
      int baselineEntries,
      Map<String, String> examples) {

    /** The scores as they are recorded in a bundle's manifest. */
    public List<ModelManifest.Metric> metrics() {
      List<ModelManifest.Metric> metrics = new ArrayList<>();
      metrics.add(metric(model, system));
      if (baseline != null) {
        metrics.add(metric(baseline, BASELINE_SYSTEM));
      }
      return metrics;
    }

    private static ModelManifest.Metric metric(EvaluationReport report, String system) {
      return new ModelManifest.Metric(
          report.testSetName(),
          system,
          report.sentences(),
          Math.round(report.bleu() * 100) / 100.0,
          Math.round(report.chrf() * 100) / 100.0);
    }
  }

  private BundleEvaluation() {}

  /**
   * Translates the test set with the bundle (all sentences in one call, so the engine batches) and
   * scores it.
   *
   * @throws IOException when a test or training file cannot be read
   * @throws dev.translation.engine.EngineException when the bundle cannot be loaded or run
   * @throws IllegalArgumentException when the test set is empty or malformed
   */
  public static Result run(Request request) throws IOException {
    List<SentencePair> testSet = TsvCorpusReader.read(request.testSet());
    String system = systemName(request.decoding());
    try (TranslationEngine engine = TranslationEngine.open(request.bundle())) {
      long start = System.nanoTime();
      EvaluationReport model =
          Evaluator.evaluate(
              request.testSetName(),
              testSet,
              sources ->
                  engine.translate(sources, request.decoding()).stream()
                      .map(Translation::text)
                      .toList());
      Duration modelTime = Duration.ofNanos(System.nanoTime() - start);
      EvaluationReport baseline = null;
      int baselineEntries = 0;
      if (request.baselineTrainingSet() != null) {
        DictionaryBaseline dictionary =
            DictionaryBaseline.build(TsvCorpusReader.read(request.baselineTrainingSet()));
        baseline = Evaluator.evaluate(request.testSetName(), testSet, dictionary::translateAll);
        baselineEntries = dictionary.size();
      }
      Map<String, String> examples = new LinkedHashMap<>();
      for (String sentence : request.examples()) {
        examples.put(sentence, engine.translate(sentence, request.decoding()).text());
      }
      return new Result(
          engine.manifest().id(), system, model, modelTime, baseline, baselineEntries, examples);
    }
  }

  /**
   * Writes scores into the bundle's manifest, replacing earlier scores of the same system on the
   * same test set and keeping all others.
   *
   * @throws IOException when the manifest cannot be read or written
   */
  public static void record(Path bundle, List<ModelManifest.Metric> metrics) throws IOException {
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
  }

  /** How scores name a decoding, e.g. {@code model beam-4} or {@code model greedy}. */
  public static String systemName(DecodeOptions decoding) {
    if (decoding.beamSize() == 1) {
      return "model greedy";
    }
    return "model beam-"
        + decoding.beamSize()
        + (decoding.lengthPenalty() == null ? "" : " lp-" + decoding.lengthPenalty());
  }
}
