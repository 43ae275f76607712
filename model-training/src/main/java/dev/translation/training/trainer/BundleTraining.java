package dev.translation.training.trainer;

import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.engine.bundle.ModelManifest.SpecialTokens;
import dev.translation.training.corpus.SentencePair;
import dev.translation.training.corpus.TsvCorpusReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains a model from the untrained architecture, or fine-tunes an existing bundle, and writes the
 * result as a new bundle. The one entry point for training: the {@code train} command and a
 * retraining job both call {@link #run}. Rerunning the same request resumes from the last
 * checkpoint in its work directory.
 */
public final class BundleTraining {

  /** Where a run starts. */
  public sealed interface Start {}

  /**
   * Training from scratch.
   *
   * @param untrainedModule the TorchScript written by {@code transformer_with_beam_search.py}
   * @param sentencePiece the SentencePiece model shared by source and target
   */
  public record FromScratch(Path untrainedModule, Path sentencePiece) implements Start {
    /** Validates the start. */
    public FromScratch {
      Objects.requireNonNull(untrainedModule, "untrainedModule");
      Objects.requireNonNull(sentencePiece, "sentencePiece");
    }
  }

  /**
   * Fine-tuning: the new bundle keeps the base's tokenizer, languages, limits and architecture.
   *
   * @param baseBundle the bundle to continue training
   */
  public record FineTune(Path baseBundle) implements Start {
    /** Validates the start. */
    public FineTune {
      Objects.requireNonNull(baseBundle, "baseBundle");
    }
  }

  /**
   * One training run.
   *
   * @param start from scratch or from a bundle
   * @param trainingSets training pairs, German TAB English
   * @param devSets pairs for early stopping
   * @param workDirectory where checkpoints live
   * @param bundleOut where to write the new bundle (must not exist yet)
   * @param name the new model's name
   * @param version the new model's version
   * @param dataDescription the training data, for the manifest; empty for the file names
   * @param hyperparameters how it learns and when it stops
   */
  public record Request(
      Start start,
      List<Path> trainingSets,
      List<Path> devSets,
      Path workDirectory,
      Path bundleOut,
      String name,
      String version,
      List<String> dataDescription,
      Hyperparameters hyperparameters) {

    /** Validates the request. */
    public Request {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(workDirectory, "workDirectory");
      Objects.requireNonNull(bundleOut, "bundleOut");
      Objects.requireNonNull(hyperparameters, "hyperparameters");
      if (trainingSets == null || trainingSets.isEmpty() || devSets == null || devSets.isEmpty()) {
        throw new IllegalArgumentException("at least one training set and one dev set are needed");
      }
      if (name == null || name.isBlank() || version == null || version.isBlank()) {
        throw new IllegalArgumentException("the new model needs a name and a version");
      }
      trainingSets = List.copyOf(trainingSets);
      devSets = List.copyOf(devSets);
      dataDescription = dataDescription == null ? List.of() : List.copyOf(dataDescription);
    }
  }

  /**
   * What a run produced.
   *
   * @param manifest the new bundle's manifest
   * @param training where training stopped, why, and the step it resumed from
   */
  public record Outcome(ModelManifest manifest, ModelTrainer.Result training) {}

  private BundleTraining() {}

  /**
   * Trains and writes the bundle.
   *
   * @param progress receives one line per evaluation and on resume and stop
   * @return the new bundle's manifest
   * @throws IOException when a corpus, the base bundle or the output cannot be read or written
   * @throws dev.translation.engine.EngineException when the model cannot be loaded or trained
   */
  public static ModelManifest run(Request request, Consumer<String> progress) throws IOException {
    return train(request, progress, report -> {}).manifest();
  }

  /**
   * Trains and writes the bundle, reporting progress as records as well as lines.
   *
   * @param progress receives one line per evaluation and on resume and stop
   * @param listener receives a {@link TrainingProgress} with every report; an exception it throws
   *     ends the run, which resumes from the last checkpoint when the same request runs again
   * @return the new bundle's manifest and how training went
   * @throws IOException when a corpus, the base bundle or the output cannot be read or written
   * @throws dev.translation.engine.EngineException when the model cannot be loaded or trained
   */
  public static Outcome train(
      Request request, Consumer<String> progress, Consumer<TrainingProgress> listener)
      throws IOException {
    ModelManifest base = null;
    Path module;
    Path sentencePiece;
    switch (request.start()) {
      case FineTune fineTune -> {
        base = ModelBundle.open(fineTune.baseBundle()).manifest();
        requireTrainable(base);
        module = fineTune.baseBundle().resolve(base.module());
        sentencePiece = fineTune.baseBundle().resolve(base.sentencePiece());
      }
      case FromScratch scratch -> {
        module = scratch.untrainedModule();
        sentencePiece = scratch.sentencePiece();
      }
    }
    SpecialTokens tokens = base == null ? new SpecialTokens(0, 1, 2, 3) : base.tokens();
    ModelTrainer.Result result =
        new ModelTrainer(progress, listener)
            .train(
                read(request.trainingSets()),
                read(request.devSets()),
                tokens,
                new TrainingOptions(
                    module, sentencePiece, request.workDirectory(), request.hyperparameters()));

    ModelManifest.Training training =
        new ModelManifest.Training(
            request.dataDescription().isEmpty()
                ? request.trainingSets().stream().map(Path::toString).toList()
                : request.dataDescription(),
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
            request.name(),
            request.version(),
            base == null ? "de" : base.sourceLanguage(),
            base == null ? "en" : base.targetLanguage(),
            "model.pt",
            "sentencepiece.model",
            null,
            tokens,
            base == null ? 256 : base.maxSourceTokens(),
            base == null ? 256 : base.maxTargetTokens(),
            base == null ? null : base.generation(),
            base == null ? architecture(module) : base.architecture(),
            training,
            List.of(),
            Map.of(),
            null);
    ModelManifest written =
        ModelBundle.create(request.bundleOut(), result.bestModule(), sentencePiece, manifest)
            .manifest();
    progress.accept("wrote bundle " + request.bundleOut() + " (" + manifest.id() + ")");
    return new Outcome(written, result);
  }

  /**
   * Refuses a base this trainer cannot fine-tune: a model imported from another toolkit (its module
   * has no training entry point, and its tokenizer is not the shared SentencePiece model).
   */
  public static void requireTrainable(ModelManifest base) {
    if (base.tokenizer() != null) {
      throw new IllegalArgumentException(
          base.id()
              + " was imported from a "
              + (base.origin() != null ? base.origin().format() : base.tokenizer().kind())
              + " checkpoint; fine-tuning here supports models trained here only (retrain"
              + " imported models with the software they came from and import them again)");
    }
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
