package dev.translation.training.trainer;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.translation.engine.EngineException;
import dev.translation.engine.bundle.ModelManifest.SpecialTokens;
import dev.translation.engine.bundle.TorchScriptModule;
import dev.translation.engine.text.SubwordTokenizer;
import dev.translation.training.corpus.SentencePair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains (or fine-tunes) a TorchScript translation module in Java through DJL: the module's {@code
 * forward} computes the label-smoothed loss, DJL records its gradients, and {@link ResumableAdam}
 * updates the weights, which are written back as TorchScript.
 *
 * <p>Every {@code evaluateEvery} steps it measures the dev loss, keeps the best module, and writes
 * a checkpoint (weights, optimiser moments, position in the data). A run that finds a checkpoint in
 * its work directory resumes from it, so an interrupted run (a killed pod, Ctrl-C) loses at most
 * one evaluation interval. It stops at {@code maxSteps}, at {@code maxMinutes}, or when the dev
 * loss has not improved for {@code patience} evaluations.
 */
public final class ModelTrainer {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final int REPORT_EVERY = 25;

  private final Consumer<String> progress;
  private final Consumer<TrainingProgress> listener;

  /**
   * @param progress receives one human-readable line per progress report
   */
  public ModelTrainer(Consumer<String> progress) {
    this(progress, report -> {});
  }

  /**
   * @param progress receives one human-readable line per progress report
   * @param listener receives the same reports as records, every {@value #REPORT_EVERY} steps and
   *     after every dev-loss evaluation; an exception it throws ends the run, which then resumes
   *     from the last checkpoint when started again
   */
  public ModelTrainer(Consumer<String> progress, Consumer<TrainingProgress> listener) {
    this.progress = Objects.requireNonNull(progress, "progress");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * What a run produced.
   *
   * @param bestModule TorchScript of the weights with the best dev loss
   * @param state where training stopped
   * @param stopReason why it stopped
   * @param trainExamples examples per epoch (after sentence weighting and length filtering)
   * @param batchesPerEpoch optimiser steps per epoch
   * @param resumedFromStep the checkpoint step this run resumed from, 0 for a fresh run
   */
  public record Result(
      Path bestModule,
      TrainingState state,
      String stopReason,
      int trainExamples,
      int batchesPerEpoch,
      long resumedFromStep) {

    public double epochs() {
      return state.epoch() + (double) state.batchInEpoch() / Math.max(1, batchesPerEpoch);
    }
  }

  /** Runs (or resumes) training until one of the stopping rules applies. */
  public Result train(
      List<SentencePair> train,
      List<SentencePair> dev,
      SpecialTokens tokens,
      TrainingOptions options) {
    Hyperparameters hyper = options.hyperparameters();
    Path checkpoints = options.workDirectory().resolve("checkpoints");
    Path latest = checkpoints.resolve("latest");
    Path bestModule = checkpoints.resolve("best").resolve("model.pt");
    try {
      Files.createDirectories(bestModule.getParent());
      TrainingState state = readState(latest);
      Path start = state.step() > 0 ? latest.resolve("model.pt") : options.initialModule();
      if (state.step() > 0) {
        progress.accept(
            String.format(
                Locale.ROOT,
                "resuming from checkpoint at step %d (epoch %d, batch %d)",
                state.step(),
                state.epoch(),
                state.batchInEpoch()));
      }
      try (SubwordTokenizer tokenizer = SubwordTokenizer.load(options.sentencePiece());
          Model model = TorchScriptModule.load(start, "training", true)) {
        TrainingBatches batches =
            TrainingBatches.of(
                train,
                tokenizer,
                tokens.bos(),
                tokens.eos(),
                hyper.maxSequenceTokens(),
                hyper.batchTokens(),
                hyper.sentenceWeight(),
                hyper.seed());
        TrainingBatches devBatches =
            TrainingBatches.of(
                dev,
                tokenizer,
                tokens.bos(),
                tokens.eos(),
                hyper.maxSequenceTokens(),
                hyper.batchTokens(),
                1,
                hyper.seed());
        if (batches.size() == 0) {
          throw new EngineException("No usable training pairs (all empty or too long)");
        }
        progress.accept(
            String.format(
                Locale.ROOT,
                "training on %d examples in %d batches per epoch (%d pairs left out as too long or"
                    + " empty); dev: %d examples",
                batches.examples(),
                batches.size(),
                batches.skipped(),
                devBatches.examples()));
        Run run = new Run(model, batches, devBatches, tokens, options, latest, bestModule);
        if (state.step() > 0 && Files.exists(latest.resolve("optimizer.bin"))) {
          run.optimizer.load(latest.resolve("optimizer.bin"));
        }
        if (state.step() == 0 || !Files.exists(bestModule)) {
          TorchScriptModule.save(model, bestModule);
        }
        return run.loop(state);
      }
    } catch (IOException e) {
      throw new EngineException("Training failed to read or write " + options.workDirectory(), e);
    }
  }

  private static TrainingState readState(Path latest) throws IOException {
    Path file = latest.resolve("state.json");
    if (!Files.exists(file)) {
      return TrainingState.initial();
    }
    return JSON.readValue(file.toFile(), TrainingState.class);
  }

  /** The mutable part of one run; exists only inside {@link #train}. */
  private final class Run {
    private final Model model;
    private final TrainingBatches batches;
    private final TrainingBatches devBatches;
    private final SpecialTokens tokens;
    private final Hyperparameters hyper;
    private final Path latest;
    private final Path bestModule;
    private final List<NDArray> weights = new ArrayList<>();
    private final ResumableAdam optimizer;
    private final ParameterStore parameterStore;
    private double lastDevLoss = Double.NaN;

    Run(
        Model model,
        TrainingBatches batches,
        TrainingBatches devBatches,
        SpecialTokens tokens,
        TrainingOptions options,
        Path latest,
        Path bestModule) {
      this.model = model;
      this.batches = batches;
      this.devBatches = devBatches;
      this.tokens = tokens;
      this.hyper = options.hyperparameters();
      this.latest = latest;
      this.bestModule = bestModule;
      for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
        NDArray array = parameter.getValue().getArray();
        if (array.hasGradient()) {
          weights.add(array);
        }
      }
      if (weights.isEmpty()) {
        throw new EngineException("The module has no trainable parameters");
      }
      this.optimizer = new ResumableAdam(model.getNDManager(), weights);
      this.parameterStore = new ParameterStore(model.getNDManager(), false);
    }

    Result loop(TrainingState start) throws IOException {
      TrainingState state = start;
      long resumedFromStep = start.step();
      long runStartNanos = System.nanoTime();
      double secondsBefore = state.trainingSeconds();
      long reportTokens = 0;
      double reportLoss = 0;
      int reportSteps = 0;
      long reportStartNanos = System.nanoTime();
      double lastMeanLoss = Double.NaN;
      double lastTokensPerSecond = 0;
      // A run resumed from a checkpoint written when training had already stopped (a pod killed
      // after training, before its bundle was written) stops at once instead of training further.
      String stopReason = stopReason(state);
      while (stopReason == null) {
        List<TrainingBatches.Batch> epoch = batches.epoch(state.epoch());
        for (int index = state.batchInEpoch(); index < epoch.size(); index++) {
          TrainingBatches.Batch batch = epoch.get(index);
          long step = state.step() + 1;
          float learningRate = learningRate(step);
          double loss = trainStep(batch, step, learningRate);
          if (!Double.isFinite(loss)) {
            throw new EngineException(
                "Training diverged at step "
                    + step
                    + " (loss "
                    + loss
                    + "); lower the learning rate");
          }
          long batchTokens = batch.targetTokens();
          double seconds = secondsBefore + (System.nanoTime() - runStartNanos) / 1e9;
          state =
              new TrainingState(
                  step,
                  state.epoch(),
                  index + 1,
                  state.targetTokens() + batchTokens,
                  seconds,
                  state.bestDevLoss(),
                  state.bestStep(),
                  state.evaluationsWithoutImprovement());
          reportTokens += batchTokens;
          reportLoss += loss;
          reportSteps++;
          boolean reportNow = step % REPORT_EVERY == 0;
          boolean evaluateNow = step % hyper.evaluateEvery() == 0;
          if (reportNow || evaluateNow) {
            double meanLoss = reportLoss / reportSteps;
            double tokensPerSecond = reportTokens / ((System.nanoTime() - reportStartNanos) / 1e9);
            lastMeanLoss = meanLoss;
            lastTokensPerSecond = tokensPerSecond;
            if (reportNow) {
              report(state, meanLoss, tokensPerSecond, learningRate);
            }
            Double devLoss = null;
            if (evaluateNow) {
              state = evaluateAndCheckpoint(state);
              devLoss = lastDevLoss;
            }
            listener.accept(
                progress(state, meanLoss, devLoss, learningRate, tokensPerSecond, resumedFromStep));
            reportTokens = 0;
            reportLoss = 0;
            reportSteps = 0;
            reportStartNanos = System.nanoTime();
          }
          stopReason = stopReason(state);
          if (stopReason != null) {
            break;
          }
        }
        if (stopReason == null) {
          state =
              new TrainingState(
                  state.step(),
                  state.epoch() + 1,
                  0,
                  state.targetTokens(),
                  state.trainingSeconds(),
                  state.bestDevLoss(),
                  state.bestStep(),
                  state.evaluationsWithoutImprovement());
        }
      }
      if (state.step() > resumedFromStep && state.step() % hyper.evaluateEvery() != 0) {
        state = evaluateAndCheckpoint(state);
        // The steps since the last report, or, when a report came just before, that report's.
        double meanLoss = reportSteps == 0 ? lastMeanLoss : reportLoss / reportSteps;
        double tokensPerSecond =
            reportSteps == 0
                ? lastTokensPerSecond
                : reportTokens / ((System.nanoTime() - reportStartNanos) / 1e9);
        listener.accept(
            progress(
                state,
                meanLoss,
                lastDevLoss,
                learningRate(state.step()),
                tokensPerSecond,
                resumedFromStep));
      }
      progress.accept(
          String.format(
              Locale.ROOT,
              "stopped: %s; best dev loss %.4f at step %d",
              stopReason,
              state.bestDevLoss(),
              state.bestStep()));
      return new Result(
          bestModule, state, stopReason, batches.examples(), batches.size(), resumedFromStep);
    }

    /** Why training stops at {@code state}, or null to go on. */
    private String stopReason(TrainingState state) {
      if (state.evaluationsWithoutImprovement() >= hyper.patience()) {
        return "early stop: dev loss did not improve for " + hyper.patience() + " evaluations";
      }
      if (state.step() >= hyper.maxSteps()) {
        return "reached maxSteps " + hyper.maxSteps();
      }
      if (state.trainingSeconds() >= hyper.maxMinutes() * 60) {
        return "reached the time budget of " + hyper.maxMinutes() + " minutes";
      }
      return null;
    }

    private float learningRate(long step) {
      double warmup = Math.max(1, hyper.warmupSteps());
      double scale = Math.min(step / warmup, Math.sqrt(warmup / step));
      return (float) (hyper.peakLearningRate() * scale);
    }

    private double trainStep(TrainingBatches.Batch batch, long step, float learningRate) {
      try (NDManager stepManager = model.getNDManager().newSubManager()) {
        NDList inputs = tensors(stepManager, batch);
        double loss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDList outputs = model.getBlock().forward(parameterStore, inputs, true);
          NDArray lossArray = outputs.get(0);
          loss = lossArray.getFloat();
          collector.backward(lossArray);
        }
        List<NDArray> gradients = new ArrayList<>(weights.size());
        double squaredNorm = 0;
        for (NDArray weight : weights) {
          NDArray gradient = weight.getGradient();
          gradient.attach(stepManager);
          gradients.add(gradient);
          squaredNorm += gradient.square().sum().getFloat();
        }
        double norm = Math.sqrt(squaredNorm);
        float scale =
            norm > hyper.maxGradientNorm() ? (float) (hyper.maxGradientNorm() / norm) : 1f;
        optimizer.update(weights, gradients, step, learningRate, scale);
        for (NDArray gradient : gradients) {
          gradient.subi(gradient); // libtorch accumulates gradients; start the next step at zero
        }
        return loss;
      }
    }

    private double devLoss() {
      double weightedLoss = 0;
      long tokenCount = 0;
      for (TrainingBatches.Batch batch : devBatches.inOrder()) {
        try (NDManager stepManager = model.getNDManager().newSubManager()) {
          NDList outputs =
              model.getBlock().forward(parameterStore, tensors(stepManager, batch), false);
          long count = outputs.get(1).getLong();
          weightedLoss += outputs.get(0).getFloat() * count;
          tokenCount += count;
        }
      }
      return tokenCount == 0 ? Double.NaN : weightedLoss / tokenCount;
    }

    private TrainingState evaluateAndCheckpoint(TrainingState state) throws IOException {
      double loss = devLoss();
      lastDevLoss = loss;
      boolean improved = loss < state.bestDevLoss();
      if (improved) {
        TorchScriptModule.save(model, bestModule);
      }
      TrainingState updated =
          new TrainingState(
              state.step(),
              state.epoch(),
              state.batchInEpoch(),
              state.targetTokens(),
              state.trainingSeconds(),
              improved ? loss : state.bestDevLoss(),
              improved ? state.step() : state.bestStep(),
              improved ? 0 : state.evaluationsWithoutImprovement() + 1);
      writeCheckpoint(updated);
      progress.accept(
          String.format(
              Locale.ROOT,
              "step %d: dev loss %.4f%s (best %.4f at step %d); checkpoint written",
              state.step(),
              loss,
              improved ? " *" : "",
              updated.bestDevLoss(),
              updated.bestStep()));
      return updated;
    }

    private void writeCheckpoint(TrainingState state) throws IOException {
      // Written beside the old checkpoint and swapped in by rename: a crash mid-write leaves the
      // previous checkpoint intact.
      Path staging = latest.resolveSibling("latest.tmp");
      deleteRecursively(staging);
      Files.createDirectories(staging);
      TorchScriptModule.save(model, staging.resolve("model.pt"));
      optimizer.save(staging.resolve("optimizer.bin"));
      JSON.writeValue(staging.resolve("state.json").toFile(), state);
      Path old = latest.resolveSibling("latest.old");
      deleteRecursively(old);
      if (Files.exists(latest)) {
        Files.move(latest, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, latest, StandardCopyOption.ATOMIC_MOVE);
      deleteRecursively(old);
    }

    private double etaSeconds(TrainingState state) {
      double secondsLeftSteps =
          (hyper.maxSteps() - state.step()) * state.trainingSeconds() / Math.max(1, state.step());
      double secondsLeftTime = hyper.maxMinutes() * 60 - state.trainingSeconds();
      return Math.max(0, Math.min(secondsLeftSteps, secondsLeftTime));
    }

    private double epochs(TrainingState state) {
      return state.epoch() + (double) state.batchInEpoch() / batches.size();
    }

    private TrainingProgress progress(
        TrainingState state,
        double loss,
        Double devLoss,
        double learningRate,
        double tokensPerSecond,
        long resumedFromStep) {
      return new TrainingProgress(
          state.step(),
          hyper.maxSteps(),
          epochs(state),
          loss,
          devLoss,
          state.bestDevLoss() == Double.MAX_VALUE ? null : state.bestDevLoss(),
          learningRate,
          tokensPerSecond,
          Duration.ofMillis(Math.round(state.trainingSeconds() * 1000)),
          Duration.ofSeconds(Math.round(etaSeconds(state))),
          resumedFromStep);
    }

    private void report(TrainingState state, double loss, double tokensPerSecond, float rate) {
      double eta = etaSeconds(state);
      progress.accept(
          String.format(
              Locale.ROOT,
              "step %d epoch %.2f loss %.4f lr %.2e %,.0f tgt tokens/s elapsed %s eta %s",
              state.step(),
              epochs(state),
              loss,
              rate,
              tokensPerSecond,
              duration(state.trainingSeconds()),
              duration(eta)));
    }

    private NDList tensors(NDManager manager, TrainingBatches.Batch batch) {
      int rows = batch.examples().size();
      long[][] source = new long[rows][batch.sourceLength()];
      long[][] targetIn = new long[rows][batch.targetLength()];
      long[][] targetOut = new long[rows][batch.targetLength()];
      for (int row = 0; row < rows; row++) {
        TrainingBatches.Example example = batch.examples().get(row);
        copy(example.source(), source[row]);
        copy(example.targetIn(), targetIn[row]);
        copy(example.targetOut(), targetOut[row]);
      }
      return new NDList(
          manager.create(source), manager.create(targetIn), manager.create(targetOut));
    }

    private void copy(int[] ids, long[] row) {
      for (int i = 0; i < ids.length; i++) {
        row[i] = ids[i];
      }
      for (int i = ids.length; i < row.length; i++) {
        row[i] = tokens.pad();
      }
    }
  }

  private static String duration(double seconds) {
    long total = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60);
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
