package dev.translation.training.retrain;

import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.engine.inference.DecodeOptions;
import dev.translation.training.corpus.CorpusSplit;
import dev.translation.training.corpus.SentencePair;
import dev.translation.training.corpus.TsvCorpusReader;
import dev.translation.training.evaluation.BundleEvaluation;
import dev.translation.training.evaluation.EvaluationReport;
import dev.translation.training.trainer.BundleTraining;
import dev.translation.training.trainer.Hyperparameters;
import dev.translation.training.trainer.TrainingProgress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fine-tunes a model version on a corpus plus the corrections users submitted, and scores the new
 * version against its base on corrections held out from training and on named test sets.
 *
 * <p>A run splits the corrections by id ({@link CorrectionSplit}), writes the training data (the
 * corpus's train part and the training corrections, each correction {@value #CORRECTION_WEIGHT}
 * times) and a dev set for early stopping (the corpus's dev part and the dev corrections, never the
 * held-out ones) into the work directory, fine-tunes with {@link BundleTraining}, scores base and
 * new bundle with {@link BundleEvaluation}, and records the new bundle's scores in its {@code
 * model.json}. Checkpoints live in the work directory: running the same request again, after a
 * killed pod or any failure, resumes training from the last checkpoint; a run whose training had
 * already finished goes straight on to writing and scoring the bundle.
 */
public final class Retraining {

  private static final Logger log = LoggerFactory.getLogger(Retraining.class);

  /**
   * How many times each training correction is repeated in the training data: corrections are few
   * next to a corpus, and each is a user saying the model was wrong, so they weigh more than a
   * corpus pair (full sentences are weighted further by {@link Hyperparameters#sentenceWeight()}).
   */
  public static final int CORRECTION_WEIGHT = 4;

  /** Default share of corrections held out for evaluation, in percent. */
  public static final int DEFAULT_HELD_OUT_PERCENT = 20;

  /** The test set name the scores on the held-out corrections are recorded under. */
  public static final String HELD_OUT_TEST_SET = "corrections-held-out";

  /**
   * Fine-tuning defaults: a learning rate a seventh of the starter model's, a short warm-up, at
   * most 2,000 steps or 30 minutes, a dev-loss evaluation and checkpoint every 100 steps, and an
   * early stop after 3 evaluations without improvement.
   */
  public static final Hyperparameters FINE_TUNING =
      new Hyperparameters(2048, 1e-4, 50, 2_000, 30, 100, 3, 128, 1, 1, 1.0);

  /**
   * A named test set to score base and new model on.
   *
   * @param name the name scores are recorded under, e.g. {@code ding-sentences-test}
   * @param file pairs, German TAB English
   */
  public record TestSet(String name, Path file) {
    /** Validates the test set. */
    public TestSet {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a test set needs a name");
      }
      Objects.requireNonNull(file, "file");
    }
  }

  /**
   * One retraining.
   *
   * @param baseBundle the model version to fine-tune
   * @param corpora further training pairs, German TAB English; may be empty
   * @param corrections the users' corrections not yet used by an earlier retraining
   * @param heldOutPercent share of corrections held out for evaluation, 1 to 50
   * @param testSets named test sets to score on besides the held-out corrections; may be empty
   * @param workDirectory training data and checkpoints; the same request with the same directory
   *     resumes
   * @param bundleOut where to write the new bundle
   * @param name the new model's name
   * @param version the new model's version
   * @param hyperparameters how it learns and when it stops
   * @param decoding how both models translate the test sets
   */
  public record Request(
      Path baseBundle,
      List<Path> corpora,
      List<Correction> corrections,
      int heldOutPercent,
      List<TestSet> testSets,
      Path workDirectory,
      Path bundleOut,
      String name,
      String version,
      Hyperparameters hyperparameters,
      DecodeOptions decoding) {

    /** Validates the request; null lists are empty. */
    public Request {
      Objects.requireNonNull(baseBundle, "baseBundle");
      Objects.requireNonNull(workDirectory, "workDirectory");
      Objects.requireNonNull(bundleOut, "bundleOut");
      Objects.requireNonNull(hyperparameters, "hyperparameters");
      Objects.requireNonNull(decoding, "decoding");
      if (name == null || name.isBlank() || version == null || version.isBlank()) {
        throw new IllegalArgumentException("the new model needs a name and a version");
      }
      if (heldOutPercent < 1 || heldOutPercent > 50) {
        throw new IllegalArgumentException(
            "the held-out share must be between 1 and 50 percent, not " + heldOutPercent);
      }
      corpora = corpora == null ? List.of() : List.copyOf(corpora);
      corrections = corrections == null ? List.of() : List.copyOf(corrections);
      testSets = testSets == null ? List.of() : List.copyOf(testSets);
      Set<String> names = new HashSet<>(Set.of(HELD_OUT_TEST_SET));
      for (TestSet testSet : testSets) {
        if (!names.add(testSet.name())) {
          throw new IllegalArgumentException(
              "test set name " + testSet.name() + " is used twice or is reserved");
        }
      }
    }

    /**
     * A request with the defaults: no corpus, {@value #DEFAULT_HELD_OUT_PERCENT}% held out, no
     * named test sets, {@link #FINE_TUNING}, beam search of 4.
     */
    public static Request of(
        Path baseBundle,
        List<Correction> corrections,
        Path workDirectory,
        Path bundleOut,
        String name,
        String version) {
      return new Request(
          baseBundle,
          List.of(),
          corrections,
          DEFAULT_HELD_OUT_PERCENT,
          List.of(),
          workDirectory,
          bundleOut,
          name,
          version,
          FINE_TUNING,
          DecodeOptions.beam(4));
    }

    /** A copy that also trains on these corpora. */
    public Request withCorpora(List<Path> newCorpora) {
      return new Request(
          baseBundle,
          newCorpora,
          corrections,
          heldOutPercent,
          testSets,
          workDirectory,
          bundleOut,
          name,
          version,
          hyperparameters,
          decoding);
    }

    /** A copy with other corrections. */
    public Request withCorrections(List<Correction> newCorrections) {
      return new Request(
          baseBundle,
          corpora,
          newCorrections,
          heldOutPercent,
          testSets,
          workDirectory,
          bundleOut,
          name,
          version,
          hyperparameters,
          decoding);
    }

    /** A copy that also scores on these test sets. */
    public Request withTestSets(List<TestSet> newTestSets) {
      return new Request(
          baseBundle,
          corpora,
          corrections,
          heldOutPercent,
          newTestSets,
          workDirectory,
          bundleOut,
          name,
          version,
          hyperparameters,
          decoding);
    }

    /** A copy that holds out another share of the corrections. */
    public Request withHeldOutPercent(int percent) {
      return new Request(
          baseBundle,
          corpora,
          corrections,
          percent,
          testSets,
          workDirectory,
          bundleOut,
          name,
          version,
          hyperparameters,
          decoding);
    }

    /** A copy that learns with other hyperparameters. */
    public Request withHyperparameters(Hyperparameters newHyperparameters) {
      return new Request(
          baseBundle,
          corpora,
          corrections,
          heldOutPercent,
          testSets,
          workDirectory,
          bundleOut,
          name,
          version,
          newHyperparameters,
          decoding);
    }

    /** A copy that scores with another decoding. */
    public Request withDecoding(DecodeOptions newDecoding) {
      return new Request(
          baseBundle,
          corpora,
          corrections,
          heldOutPercent,
          testSets,
          workDirectory,
          bundleOut,
          name,
          version,
          hyperparameters,
          newDecoding);
    }
  }

  /**
   * Base and new model's scores on one test set.
   *
   * @param testSet the test set's name
   * @param base the base model's scores
   * @param retrained the new model's scores
   */
  public record Scores(String testSet, EvaluationReport base, EvaluationReport retrained) {

    /** New minus base chrF. */
    public double chrfGain() {
      return retrained.chrf() - base.chrf();
    }

    /** New minus base BLEU. */
    public double bleuGain() {
      return retrained.bleu() - base.bleu();
    }
  }

  /**
   * Where the new model comes from, as recorded in its manifest.
   *
   * @param basedOn the base model's id, e.g. {@code de-en-starter@4}
   * @param data the training data, e.g. {@code 42 user corrections, weighted 4x ...}
   */
  public record Lineage(String basedOn, List<String> data) {}

  /**
   * What a retraining produced.
   *
   * @param manifest the new bundle's manifest, with its scores
   * @param scores base and new scores, the held-out corrections first, then the named test sets
   * @param trainedOnIds ids of the corrections trained on
   * @param devIds ids of the corrections used for early stopping (not trained on)
   * @param heldOutIds ids of the corrections held out for evaluation
   * @param steps optimiser steps taken in total
   * @param stopReason why training stopped
   * @param resumedFromStep the checkpoint step this run resumed from, 0 for a fresh run
   * @param lineage base model and training data
   */
  public record Result(
      ModelManifest manifest,
      List<Scores> scores,
      List<Long> trainedOnIds,
      List<Long> devIds,
      List<Long> heldOutIds,
      long steps,
      String stopReason,
      long resumedFromStep,
      Lineage lineage) {

    /** The scores on the held-out corrections. */
    public Scores heldOutScores() {
      return scores(HELD_OUT_TEST_SET);
    }

    /** The scores on the named test set. */
    public Scores scores(String testSet) {
      return scores.stream()
          .filter(s -> s.testSet().equals(testSet))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no scores for " + testSet));
    }
  }

  private Retraining() {}

  /**
   * Retrains, or resumes the retraining in the request's work directory.
   *
   * @param progress receives a report every few training steps and after every dev evaluation; an
   *     exception it throws ends the run, which the same request resumes
   * @throws IllegalArgumentException when there is nothing to train on, when no correction falls
   *     into the held-out share, or when the work directory holds another request's run
   * @throws IOException when a corpus, test set, bundle or the work directory cannot be read or
   *     written
   * @throws dev.translation.engine.EngineException when a model cannot be loaded or trained
   */
  public static Result run(Request request, Consumer<TrainingProgress> progress)
      throws IOException {
    ModelManifest base = ModelBundle.open(request.baseBundle()).manifest();
    BundleTraining.requireTrainable(base);
    CorrectionSplit split = CorrectionSplit.of(request.corrections(), request.heldOutPercent());
    List<SentencePair> corpusTrain = new ArrayList<>();
    List<SentencePair> corpusDev = new ArrayList<>();
    List<String> data = new ArrayList<>();
    for (Path corpus : request.corpora()) {
      CorpusSplit parts = CorpusSplit.of(TsvCorpusReader.read(corpus));
      corpusTrain.addAll(parts.train());
      corpusDev.addAll(parts.dev());
      data.add(
          "%s: %d pairs trained on, %d for early stopping"
              .formatted(corpus.getFileName(), parts.train().size(), parts.dev().size()));
    }
    refuseWhatCannotBeRetrained(request, split, corpusTrain);
    data.add(
        "%d user corrections, weighted %dx (%d more held out for evaluation, %d for early stopping)"
            .formatted(
                split.training().size(),
                CORRECTION_WEIGHT,
                split.heldOut().size(),
                split.dev().size()));

    List<SentencePair> training = new ArrayList<>(corpusTrain);
    for (Correction correction : split.training()) {
      training.addAll(Collections.nCopies(CORRECTION_WEIGHT, correction.pair()));
    }
    List<SentencePair> dev = new ArrayList<>(corpusDev);
    dev.addAll(pairs(split.dev()));
    if (dev.isEmpty()) {
      // Without a corpus dev part or dev corrections, early stopping can only watch how well the
      // training corrections are learnt; the step and time budget then bound the run.
      log.info(
          "no corrections or corpus pairs left for early stopping; watching the training ones");
      dev.addAll(pairs(split.training()));
    }
    Path dataDirectory = request.workDirectory().resolve("data");
    Path trainFile = dataDirectory.resolve("train.tsv");
    Path devFile = dataDirectory.resolve("dev.tsv");
    Path heldOutFile = dataDirectory.resolve(HELD_OUT_TEST_SET + ".tsv");
    claimWorkDirectory(request, base, training, dev);
    TsvCorpusReader.write(trainFile, training);
    TsvCorpusReader.write(devFile, dev);
    TsvCorpusReader.write(heldOutFile, pairs(split.heldOut()));
    log.info(
        "retraining {} as {}@{}: {} training pairs, {} dev pairs, {} corrections held out",
        base.id(),
        request.name(),
        request.version(),
        training.size(),
        dev.size(),
        split.heldOut().size());

    BundleTraining.Outcome outcome =
        BundleTraining.train(
            new BundleTraining.Request(
                new BundleTraining.FineTune(request.baseBundle()),
                List.of(trainFile),
                List.of(devFile),
                request.workDirectory(),
                request.bundleOut(),
                request.name(),
                request.version(),
                data,
                request.hyperparameters()),
            line -> log.info("{}", line),
            progress);

    List<TestSet> testSets = new ArrayList<>();
    testSets.add(new TestSet(HELD_OUT_TEST_SET, heldOutFile));
    testSets.addAll(request.testSets());
    List<Scores> scores = new ArrayList<>();
    List<ModelManifest.Metric> metrics = new ArrayList<>();
    for (TestSet testSet : testSets) {
      BundleEvaluation.Result before = evaluate(request.baseBundle(), testSet, request.decoding());
      BundleEvaluation.Result after = evaluate(request.bundleOut(), testSet, request.decoding());
      scores.add(new Scores(testSet.name(), before.model(), after.model()));
      metrics.addAll(after.metrics());
      log.info(
          "{}: chrF {} -> {}, BLEU {} -> {}",
          testSet.name(),
          format(before.model().chrf()),
          format(after.model().chrf()),
          format(before.model().bleu()),
          format(after.model().bleu()));
    }
    // writeManifest recomputes every file's checksum; open() verifies the bundle as a worker would.
    ModelBundle.writeManifest(
        request.bundleOut(), ModelBundle.readManifest(request.bundleOut()).withMetrics(metrics));
    ModelManifest manifest = ModelBundle.open(request.bundleOut()).manifest();

    return new Result(
        manifest,
        scores,
        split.trainingIds(),
        split.devIds(),
        split.heldOutIds(),
        outcome.training().state().step(),
        outcome.training().stopReason(),
        outcome.training().resumedFromStep(),
        new Lineage(base.id(), manifest.training().data()));
  }

  private static void refuseWhatCannotBeRetrained(
      Request request, CorrectionSplit split, List<SentencePair> corpusTrain) {
    int corrections = request.corrections().size();
    if (corrections == 0 && corpusTrain.isEmpty()) {
      throw new IllegalArgumentException(
          "Nothing to retrain on: there are no new corrections and no corpus pairs.");
    }
    if (split.heldOut().isEmpty()) {
      throw new IllegalArgumentException(
          ("Too few corrections to compare the new model with its base: none of the %d"
                  + " corrections falls into the %d%% held out for evaluation (chosen by each"
                  + " correction's id). Retrain once more corrections have come in, or hold out a"
                  + " larger share.")
              .formatted(corrections, request.heldOutPercent()));
    }
    if (split.training().isEmpty() && corpusTrain.isEmpty()) {
      throw new IllegalArgumentException(
          ("Nothing to retrain on: all %d corrections are needed for evaluation (%d) and early"
                  + " stopping (%d), and there is no corpus. Retrain once more corrections have"
                  + " come in, or add a corpus.")
              .formatted(corrections, split.heldOut().size(), split.dev().size()));
    }
  }

  /**
   * Records which base and data the work directory's checkpoints belong to, and refuses to resume
   * checkpoints of another request: they would continue from weights trained on other data.
   */
  private static void claimWorkDirectory(
      Request request, ModelManifest base, List<SentencePair> training, List<SentencePair> dev)
      throws IOException {
    Hyperparameters hyper = request.hyperparameters();
    // What fixes the weights a checkpoint holds and the order batches are drawn in; budgets and
    // patience may change between attempts.
    String fingerprint =
        String.join(
            "\n",
            "base " + base.id() + " " + base.files().get(base.module()),
            "train " + sha256(training),
            "dev " + sha256(dev),
            "batches %d %d %d %d"
                .formatted(
                    hyper.batchTokens(),
                    hyper.maxSequenceTokens(),
                    hyper.sentenceWeight(),
                    hyper.seed()),
            "");
    Path claim = request.workDirectory().resolve("retraining.txt");
    if (Files.exists(claim)) {
      String existing = Files.readString(claim, StandardCharsets.UTF_8);
      if (!existing.equals(fingerprint)) {
        throw new IllegalArgumentException(
            "The work directory "
                + request.workDirectory()
                + " holds a retraining of another base model or other data; give each retraining"
                + " its own work directory.");
      }
      return;
    }
    Files.createDirectories(request.workDirectory());
    Files.writeString(claim, fingerprint, StandardCharsets.UTF_8);
  }

  private static BundleEvaluation.Result evaluate(
      Path bundle, TestSet testSet, DecodeOptions decoding) throws IOException {
    return BundleEvaluation.run(
        new BundleEvaluation.Request(bundle, testSet.file(), testSet.name(), null, decoding, null));
  }

  private static List<SentencePair> pairs(List<Correction> corrections) {
    return corrections.stream().map(Correction::pair).toList();
  }

  private static String format(double score) {
    return String.format(Locale.ROOT, "%.2f", score);
  }

  private static String sha256(List<SentencePair> pairs) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (SentencePair pair : pairs) {
        digest.update(
            (pair.source() + "\t" + pair.target() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
