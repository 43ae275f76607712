package dev.translation.launcher.modeljobs;

import dev.translation.engine.bundle.BundleCache;
import dev.translation.engine.bundle.InvalidModelBundleException;
import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.launcher.batch.BadInputException;
import dev.translation.launcher.batch.GracefulStop;
import dev.translation.launcher.batch.input.InputLocator;
import dev.translation.launcher.config.LauncherProperties;
import dev.translation.launcher.models.ModelJobRequest;
import dev.translation.launcher.models.ModelLineage;
import dev.translation.launcher.models.ModelState;
import dev.translation.launcher.models.ModelVersion;
import dev.translation.launcher.persistence.CorrectionRepository;
import dev.translation.launcher.persistence.ModelJobRepository;
import dev.translation.launcher.persistence.ModelRegistryRepository;
import dev.translation.training.retrain.Correction;
import dev.translation.training.retrain.Retraining;
import dev.translation.training.trainer.Hyperparameters;
import dev.translation.training.trainer.TrainingProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The steps of a retraining: collect the base version and the corrections not used yet (fixed on
 * the first attempt, so a retry trains on the same data); fine-tune, with progress in the job's row
 * and checkpoints in its directory (a retried pod resumes from the last one); register the new
 * version as a candidate with its scores and lineage, and mark the corrections it used; roll it out
 * only if asked and its gate passed.
 */
final class RetrainSteps {

  /** Most corrections one retraining takes; the rest wait for the next. */
  static final int MAX_CORRECTIONS = 200_000;

  private static final Logger log = LoggerFactory.getLogger(RetrainSteps.class);

  private final ModelJobRun run;
  private final BundleCache cache;
  private final ModelEvaluations evaluations;
  private final ModelRegistryRepository registry;
  private final CorrectionRepository corrections;
  private final ModelJobRepository jobs;
  private final RolloutStep rollout;
  private final GracefulStop stop;
  private final LauncherProperties properties;

  RetrainSteps(
      ModelJobRun run,
      BundleCache cache,
      ModelEvaluations evaluations,
      ModelRegistryRepository registry,
      CorrectionRepository corrections,
      ModelJobRepository jobs,
      RolloutStep rollout,
      GracefulStop stop,
      LauncherProperties properties) {
    this.run = run;
    this.cache = cache;
    this.evaluations = evaluations;
    this.registry = registry;
    this.corrections = corrections;
    this.jobs = jobs;
    this.rollout = rollout;
    this.stop = stop;
    this.properties = properties;
  }

  /** The base bundle, verified, and the corrections to use, written to the job's directory. */
  Tasklet collect() {
    return (contribution, chunk) -> {
      run.phase("collect");
      ModelJobRequest request = run.job().request();
      ModelVersion base =
          registry
              .find(request.baseModel())
              .orElseThrow(() -> new BadInputException("no model version " + request.baseModel()));
      ModelBundle bundle;
      try {
        bundle = cache.fetch(base.bundleUri(), base.checksums());
      } catch (InvalidModelBundleException e) {
        throw new BadInputException(e.getMessage(), e);
      }
      List<Correction> taken =
          Boolean.FALSE.equals(request.corrections())
              ? List.of()
              : corrections.unused(run.languages(), MAX_CORRECTIONS);
      Path file = run.directory().resolve("corrections.tsv");
      Files.createDirectories(file.getParent());
      List<String> lines = new ArrayList<>();
      for (Correction correction : taken) {
        lines.add(
            correction.id()
                + "\t"
                + oneLine(correction.source())
                + "\t"
                + oneLine(correction.correctedTranslation()));
      }
      Files.write(file, lines, StandardCharsets.UTF_8);
      log.info("{}: base {}, {} corrections", run.id(), base.modelId(), taken.size());
      ModelJobRun.put(contribution, "base.directory", bundle.directory().toString());
      return RepeatStatus.FINISHED;
    };
  }

  /**
   * Fine-tunes (or resumes), scoring base and new version; the new bundle's path in the context.
   */
  Tasklet train() {
    return (contribution, chunk) -> {
      run.phase("train");
      ModelJobRequest request = run.job().request();
      Path base = Path.of(ModelJobRun.get(contribution, "base.directory", String.class));
      ModelManifest baseManifest = ModelBundle.readManifest(base);
      String version =
          request.version() != null
              ? request.version()
              : baseManifest.version() + "." + run.id().substring(run.id().lastIndexOf('-') + 1);
      Path bundleOut =
          properties.models().directoryPath().resolve(baseManifest.name()).resolve(version);
      if (registry.find(baseManifest.name() + "@" + version).isPresent()) {
        throw new BadInputException(
            baseManifest.name() + "@" + version + " is registered already: choose another version");
      }
      Path models = properties.models().directoryPath().normalize();
      if (!bundleOut.normalize().startsWith(models) || bundleOut.normalize().equals(models)) {
        throw new BadInputException(
            bundleOut + " is not a directory of the models volume " + models);
      }
      // Left by an attempt killed before it registered the version: it is written again from the
      // last checkpoint.
      deleteRecursively(bundleOut);
      Retraining.Request training =
          new Retraining.Request(
              base,
              corpus(request),
              readCorrections(run.directory().resolve("corrections.tsv")),
              request.heldOutPercent(),
              request.testSets().stream()
                  .map(
                      name ->
                          new Retraining.TestSet(
                              name, evaluations.testSet(name, run.directory().resolve("tests"))))
                  .toList(),
              run.directory().resolve("training"),
              bundleOut,
              baseManifest.name(),
              version,
              budget(request),
              evaluations.decoding());
      Retraining.Result result;
      try {
        result = Retraining.run(training, this::report);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(e.getMessage(), e);
      }
      Map<String, Object> recorded = new LinkedHashMap<>(run.currentResult(jobs));
      recorded.put("steps", result.steps());
      recorded.put("stopReason", result.stopReason());
      recorded.put("resumedFromStep", result.resumedFromStep());
      recorded.put("scores", scores(result));
      recorded.put(
          "corrections",
          Map.of(
              "trainedOn", result.trainedOnIds().size(),
              "dev", result.devIds().size(),
              "heldOut", result.heldOutIds().size()));
      jobs.result(run.id(), recorded, null);
      for (Retraining.Scores scored : result.scores()) {
        log.info(
            "{}: {} chrF {} -> {}, BLEU {} -> {}",
            run.id(),
            scored.testSet(),
            scored.base().chrf(),
            scored.retrained().chrf(),
            scored.base().bleu(),
            scored.retrained().bleu());
      }
      ModelJobRun.put(contribution, "new.directory", bundleOut.toString());
      ModelJobRun.put(contribution, "new.id", result.manifest().id());
      ModelJobRun.put(contribution, "new.lineage", result.lineage());
      ModelJobRun.put(
          contribution,
          "corrections.trained",
          Stream.concat(result.trainedOnIds().stream(), result.devIds().stream()).toList());
      ModelJobRun.put(contribution, "corrections.heldOut", result.heldOutIds());
      Gate gate = gate(result, request);
      ModelJobRun.put(contribution, "gate.passed", gate.passed());
      ModelJobRun.put(contribution, "gate.summary", gate.summary());
      return RepeatStatus.FINISHED;
    };
  }

  /** Registers the new version as a candidate and marks the corrections it used, together. */
  Tasklet register() {
    return (contribution, chunk) -> {
      run.phase("register");
      Path directory = Path.of(ModelJobRun.get(contribution, "new.directory", String.class));
      ModelManifest manifest = ModelBundle.open(directory).manifest();
      Retraining.Lineage trained =
          ModelJobRun.get(contribution, "new.lineage", Retraining.Lineage.class);
      Map<String, Object> lineage = new LinkedHashMap<>(ModelLineage.of(manifest));
      lineage.put("basedOn", trained.basedOn());
      lineage.put("data", trained.data());
      List<Long> used =
          ModelJobRun.get(
              contribution,
              "corrections.trained",
              new tools.jackson.core.type.TypeReference<>() {});
      List<Long> heldOut =
          ModelJobRun.get(
              contribution,
              "corrections.heldOut",
              new tools.jackson.core.type.TypeReference<>() {});
      lineage.put("corrections", used.size() + heldOut.size());
      lineage.put("correctionsHeldOut", heldOut.size());
      lineage.put("modelJob", run.id());
      registry.insert(
          new ModelVersion(
              manifest.id(),
              manifest.name(),
              manifest.version(),
              run.languages(),
              directory.toUri(),
              ModelBundle.checksums(directory),
              manifest.metrics(),
              lineage,
              ModelState.CANDIDATE,
              null,
              run.job().launchedBy(),
              null,
              null));
      corrections.markUsed(used, heldOut, manifest.id());
      jobs.result(run.id(), run.currentResult(jobs), manifest.id());
      ModelJobRun.put(contribution, "registered", manifest.id());
      return RepeatStatus.FINISHED;
    };
  }

  /** Rolls out as asked, only if the gate passed. */
  Tasklet rollOut() {
    return (contribution, chunk) -> {
      rollout.apply(
          ModelJobRun.get(contribution, "registered", String.class),
          ModelJobRun.get(contribution, "gate.passed", Boolean.class),
          ModelJobRun.get(contribution, "gate.summary", String.class));
      return RepeatStatus.FINISHED;
    };
  }

  /** Progress into the job's row; a stop request (SIGTERM) ends training at this report. */
  private void report(TrainingProgress progress) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("step", progress.step());
    row.put("maxSteps", progress.maxSteps());
    row.put("epoch", progress.epoch());
    row.put("loss", progress.loss());
    row.put("devLoss", progress.devLoss());
    row.put("bestDevLoss", progress.bestDevLoss());
    row.put("tokensPerSecond", progress.targetTokensPerSecond());
    row.put("elapsedSeconds", progress.elapsed().toSeconds());
    row.put("etaSeconds", progress.eta() == null ? null : progress.eta().toSeconds());
    row.put("resumedFromStep", progress.resumedFromStep());
    jobs.progress(run.id(), row);
    if (stop.requested()) {
      throw new IllegalStateException(
          "stopping at step " + progress.step() + "; the next attempt resumes from its checkpoint");
    }
  }

  private Gate gate(Retraining.Result result, ModelJobRequest request) {
    List<ModelManifest.Metric> base = new ArrayList<>();
    List<ModelManifest.Metric> retrained = new ArrayList<>();
    List<String> gating = new ArrayList<>(request.testSets());
    for (Retraining.Scores scores : result.scores()) {
      base.add(metric(scores.testSet(), scores.base()));
      retrained.add(metric(scores.testSet(), scores.retrained()));
      if (!gating.contains(scores.testSet())) {
        gating.add(scores.testSet());
      }
    }
    return Gate.judge(retrained, base, gating, request.gateMargin());
  }

  private static ModelManifest.Metric metric(
      String testSet, dev.translation.training.evaluation.EvaluationReport report) {
    return new ModelManifest.Metric(
        testSet, "model", report.sentences(), report.bleu(), report.chrf());
  }

  private static List<Map<String, Object>> scores(Retraining.Result result) {
    List<Map<String, Object>> scores = new ArrayList<>();
    for (Retraining.Scores s : result.scores()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("testSet", s.testSet());
      row.put("baseChrf", s.base().chrf());
      row.put("chrf", s.retrained().chrf());
      row.put("baseBleu", s.base().bleu());
      row.put("bleu", s.retrained().bleu());
      scores.add(row);
    }
    return scores;
  }

  private List<Path> corpus(ModelJobRequest request) {
    if (request.corpus() == null) {
      return List.of();
    }
    return List.of(new InputLocator(properties.storage()).localInput(request.corpus()));
  }

  /**
   * Fine-tuning's defaults within the launch's budget. A short run still checkpoints at least four
   * times (a retried pod then loses at most a quarter of it) and warms up for a tenth of it.
   */
  private static Hyperparameters budget(ModelJobRequest request) {
    Hyperparameters defaults = Retraining.FINE_TUNING;
    long steps = request.maxSteps() == null ? defaults.maxSteps() : request.maxSteps();
    double minutes = request.maxMinutes() == null ? defaults.maxMinutes() : request.maxMinutes();
    int evaluateEvery = (int) Math.max(5, Math.min(defaults.evaluateEvery(), steps / 4));
    int warmup = (int) Math.min(defaults.warmupSteps(), steps / 10);
    return new Hyperparameters(
        defaults.batchTokens(),
        defaults.peakLearningRate(),
        warmup,
        steps,
        minutes,
        evaluateEvery,
        defaults.patience(),
        defaults.maxSequenceTokens(),
        defaults.sentenceWeight(),
        defaults.seed(),
        defaults.maxGradientNorm());
  }

  private static List<Correction> readCorrections(Path file) {
    try {
      List<Correction> read = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] parts = line.split("\t", 3);
        read.add(new Correction(Long.parseLong(parts[0]), parts[1], parts[2]));
      }
      return read;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Tabs and line breaks would break the TSV the corrections travel in; spaces keep the text. */
  private static String oneLine(String text) {
    return text.replaceAll("[\\t\\r\\n]+", " ").strip();
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
