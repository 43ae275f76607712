package dev.translation.training.cli;

import dev.translation.training.trainer.BundleTraining;
import dev.translation.training.trainer.Hyperparameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command line of {@link BundleTraining}: trains from scratch or fine-tunes a bundle. Its
 * defaults are {@link Hyperparameters#DEFAULTS}.
 */
@Command(
    name = "train",
    description = {
      "Trains from scratch (--init untrained.pt --sentencepiece spm.model) or fine-tunes a bundle"
          + " (--base BUNDLE_DIR), then writes a new bundle to --bundle-out.",
      "Checkpoints go to --work every --evaluate-every steps; rerunning the same command resumes"
          + " from the last one."
    })
final class TrainCommand implements Callable<Integer> {

  // --version names the model's version here, so only --help is added.
  @Mixin HelpOption help;

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

  @Option(names = "--batch-tokens", description = "(default: ${DEFAULT-VALUE})")
  int batchTokens = Hyperparameters.DEFAULTS.batchTokens();

  @Option(names = "--learning-rate", description = "(default: ${DEFAULT-VALUE})")
  double learningRate = Hyperparameters.DEFAULTS.peakLearningRate();

  @Option(names = "--warmup-steps", description = "(default: ${DEFAULT-VALUE})")
  int warmupSteps = Hyperparameters.DEFAULTS.warmupSteps();

  @Option(names = "--max-steps", description = "(default: ${DEFAULT-VALUE})")
  long maxSteps = Hyperparameters.DEFAULTS.maxSteps();

  @Option(names = "--max-minutes", description = "(default: ${DEFAULT-VALUE})")
  double maxMinutes = Hyperparameters.DEFAULTS.maxMinutes();

  @Option(names = "--evaluate-every", description = "(default: ${DEFAULT-VALUE})")
  int evaluateEvery = Hyperparameters.DEFAULTS.evaluateEvery();

  @Option(names = "--patience", description = "(default: ${DEFAULT-VALUE})")
  int patience = Hyperparameters.DEFAULTS.patience();

  @Option(names = "--max-sequence-tokens", description = "(default: ${DEFAULT-VALUE})")
  int maxSequenceTokens = Hyperparameters.DEFAULTS.maxSequenceTokens();

  @Option(names = "--sentence-weight", description = "(default: ${DEFAULT-VALUE})")
  int sentenceWeight = Hyperparameters.DEFAULTS.sentenceWeight();

  @Option(names = "--seed", description = "(default: ${DEFAULT-VALUE})")
  long seed = Hyperparameters.DEFAULTS.seed();

  @Override
  public Integer call() throws Exception {
    BundleTraining.Start from;
    if (start.base != null) {
      from = new BundleTraining.FineTune(start.base);
    } else if (sentencePiece != null) {
      from = new BundleTraining.FromScratch(start.init, sentencePiece);
    } else {
      System.err.println("--sentencepiece is required with --init");
      return 2;
    }
    BundleTraining.run(
        new BundleTraining.Request(
            from,
            train,
            dev,
            work,
            bundleOut,
            name,
            version,
            dataDescription,
            new Hyperparameters(
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
                Hyperparameters.DEFAULTS.maxGradientNorm())),
        System.err::println);
    return 0;
  }
}
