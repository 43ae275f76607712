package dev.translation.training.trainer;

/**
 * How a training or fine-tuning run learns and when it stops. {@link #DEFAULTS} are the values the
 * starter model was trained with on 2 CPU cores.
 *
 * @param batchTokens target budget of a batch, in padded pieces (rows x longest row)
 * @param peakLearningRate learning rate after warm-up; it then decays with the inverse square root
 * @param warmupSteps steps of linear warm-up
 * @param maxSteps stop after this many optimiser steps in total
 * @param maxMinutes stop after this much training time in total, summed over resumed runs
 * @param evaluateEvery steps between dev-loss evaluations (and checkpoints)
 * @param patience evaluations without a better dev loss before stopping early
 * @param maxSequenceTokens pairs with a longer source or target are left out of training
 * @param sentenceWeight how many times each full-sentence pair is repeated per epoch, to weight
 *     sentences over single dictionary words
 * @param seed fixes batch order, so a resumed run sees the same data in the same order
 * @param maxGradientNorm gradients are scaled down to this global L2 norm
 */
public record Hyperparameters(
    int batchTokens,
    double peakLearningRate,
    int warmupSteps,
    long maxSteps,
    double maxMinutes,
    int evaluateEvery,
    int patience,
    int maxSequenceTokens,
    int sentenceWeight,
    long seed,
    double maxGradientNorm) {

  /** The values the starter model was trained with. */
  public static final Hyperparameters DEFAULTS =
      new Hyperparameters(4096, 7e-4, 400, 100_000, 60, 200, 5, 128, 2, 1, 1.0);

  /** Validates the values. */
  public Hyperparameters {
    if (batchTokens < 64) {
      throw new IllegalArgumentException("batchTokens must be at least 64");
    }
    if (!(peakLearningRate > 0)) {
      throw new IllegalArgumentException("peakLearningRate must be positive");
    }
    if (maxSteps < 1 || evaluateEvery < 1 || patience < 1 || warmupSteps < 0) {
      throw new IllegalArgumentException(
          "maxSteps, evaluateEvery and patience must be positive, warmupSteps non-negative");
    }
    if (!(maxMinutes > 0)) {
      throw new IllegalArgumentException("maxMinutes must be positive");
    }
    if (maxSequenceTokens < 2 || sentenceWeight < 1) {
      throw new IllegalArgumentException("maxSequenceTokens >= 2 and sentenceWeight >= 1 needed");
    }
    if (!(maxGradientNorm > 0)) {
      throw new IllegalArgumentException("maxGradientNorm must be positive");
    }
  }

  /**
   * A copy that stops after {@code steps} steps or {@code minutes} of training, whichever first.
   */
  public Hyperparameters withBudget(long steps, double minutes) {
    return new Hyperparameters(
        batchTokens,
        peakLearningRate,
        warmupSteps,
        steps,
        minutes,
        evaluateEvery,
        patience,
        maxSequenceTokens,
        sentenceWeight,
        seed,
        maxGradientNorm);
  }
}
