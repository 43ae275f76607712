package dev.translation.training.cli;

import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.engine.bundle.ModelManifest.SpecialTokens;
import dev.translation.training.corpus.SentencePair;
import dev.translation.training.corpus.TsvCorpusReader;
import dev.translation.training.trainer.ModelTrainer;
import dev.translation.training.trainer.TrainingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains a model from the untrained architecture, or fine-tunes an existing bundle, and writes the
 * result as a new bundle.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains from scratch (--init untrained.pt --sentencepiece spm.model) or fine-tunes a bundle"
          + " (--base BUNDLE_DIR), then writes a new bundle to --bundle-out.",
      "Checkpoints go to --work every --evaluate-every steps; rerunning the same command resumes"
          + " from the last one."
    })
final class TrainCommand implements Callable<Integer> {

  static final class Start {
    @Option(
        names = "--init",
        description = "Untrained TorchScript from transformer_with_beam_search.py")
    Path init;

    @Option(names = "--base", description = "Bundle to fine-tune")
    Path base;
  }

  @ArgGroup(multiplicity = "1")
  Start start;

  @Option(
      names = "--sentencepiece",
      description = "SentencePiece model (required with --init; --base uses the bundle's)")
  Path sentencePiece;

  @Option(
      names = "--train",
      required = true,
      description = "Training pairs, German<TAB>English (repeatable)")
  List<Path> train;

  @Option(
      names = "--dev",
      required = true,
      description = "Dev pairs for early stopping (repeatable)")
  List<Path> dev;

  @Option(names = "--work", required = true, description = "Checkpoint directory")
  Path work;

  @Option(names = "--bundle-out", required = true, description = "Where to write the new bundle")
  Path bundleOut;

  @Option(names = "--name", defaultValue = "de-en-starter", description = "Model name")
  String name;

  @Option(names = "--version", required = true, description = "Model version, e.g. 1")
  String version;

  @Option(names = "--data-description", description = "Training data, for model.json (repeatable)")
  List<String> dataDescription = new ArrayList<>();

  @Option(names = "--batch-tokens", defaultValue = "4096")
  int batchTokens;

  @Option(names = "--learning-rate", defaultValue = "7e-4")
  double learningRate;

  @Option(names = "--warmup-steps", defaultValue = "400")
  int warmupSteps;

  @Option(names = "--max-steps", defaultValue = "100000")
  long maxSteps;

  @Option(names = "--max-minutes", defaultValue = "60")
  double maxMinutes;

  @Option(names = "--evaluate-every", defaultValue = "200")
  int evaluateEvery;

  @Option(names = "--patience", defaultValue = "5")
  int patience;

  @Option(names = "--max-sequence-tokens", defaultValue = "128")
  int maxSequenceTokens;

  @Option(names = "--sentence-weight", defaultValue = "2")
  int sentenceWeight;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  @Override
  public Integer call() throws Exception {
    ModelManifest base = start.base == null ? null : ModelBundle.open(start.base).manifest();
    Path module = base == null ? start.init : start.base.resolve(base.module());
    Path spm;
    if (base != null) {
      spm = start.base.resolve(base.sentencePiece());
    } else if (sentencePiece != null) {
      spm = sentencePiece;
    } else {
      System.err.println("--sentencepiece is required with --init");
      return 2;
    }
    SpecialTokens tokens = base == null ? new SpecialTokens(0, 1, 2, 3) : base.tokens();
    List<SentencePair> trainPairs = read(train);
    List<SentencePair> devPairs = read(dev);
    TrainingOptions options =
        new TrainingOptions(
            module,
            spm,
            work,
            batchTokens,
            learningRate,
            warmupSteps,
            maxSteps,
            maxMinutes,
            evaluateEvery,
            patience,
            maxSequenceTokens,
            sentenceWeight,
            seed,
            1.0);
    ModelTrainer.Result result =
        new ModelTrainer(System.err::println).train(trainPairs, devPairs, tokens, options);

    ModelManifest.Training training =
        new ModelManifest.Training(
            dataDescription.isEmpty()
                ? train.stream().map(Path::toString).toList()
                : dataDescription,
            base == null ? null : base.id(),
            result.state().step(),
            Math.round(result.epochs() * 100) / 100.0,
            result.state().targetTokens(),
            Math.round(result.state().trainingSeconds() / 6) / 10.0,
            Math.round(result.state().bestDevLoss() * 10_000) / 10_000.0,
            Runtime.getRuntime().availableProcessors()
                + " CPU cores, DJL "
                + ai.djl.engine.Engine.getDjlVersion());
    ModelManifest manifest =
        new ModelManifest(
            name,
            version,
            base == null ? "de" : base.sourceLanguage(),
            base == null ? "en" : base.targetLanguage(),
            "model.pt",
            "sentencepiece.model",
            tokens,
            base == null ? 256 : base.maxSourceTokens(),
            base == null ? 256 : base.maxTargetTokens(),
            base == null ? architecture(module) : base.architecture(),
            training,
            List.of(),
            Map.of());
    ModelBundle.create(bundleOut, result.bestModule(), spm, manifest);
    System.err.printf("wrote bundle %s (%s)%n", bundleOut, manifest.id());
    return 0;
  }

  private static List<SentencePair> read(List<Path> files) throws IOException {
    List<SentencePair> pairs = new ArrayList<>();
    for (Path file : files) {
      pairs.addAll(TsvCorpusReader.read(file));
    }
    return pairs;
  }

  /**
   * The hyper-parameters transformer_with_beam_search.py wrote beside the untrained module, if any.
   */
  private static Map<String, Object> architecture(Path module) {
    Path sidecar =
        module.resolveSibling(module.getFileName().toString().replaceAll("\\.pt$", "") + ".json");
    if (!Files.exists(sidecar)) {
      return Map.of();
    }
    return JsonMapper.builder()
        .build()
        .readValue(sidecar.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
  }
}
