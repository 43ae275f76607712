package dev.translation.training.trainer;

import java.time.Duration;

/**
 * One progress report of a training run, for a launcher or dashboard to show: delivered every few
 * steps and after every dev-loss evaluation, alongside the human-readable line of the same report.
 *
 * @param step optimiser steps taken in total, counting those before a resume
 * @param maxSteps the step budget
 * @param epoch passes over the training data so far (fractional)
 * @param loss mean training loss over the steps since the previous report
 * @param devLoss the dev loss measured at this step, or null when this report did not evaluate
 * @param bestDevLoss the best dev loss so far, or null before the first evaluation
 * @param learningRate the learning rate of the latest step
 * @param targetTokensPerSecond target tokens trained on per second since the previous report
 * @param elapsed training time so far, summed over resumed runs
 * @param eta estimated time left until {@code maxSteps} or {@code maxMinutes}, whichever comes
 *     first (early stopping may end the run sooner)
 * @param resumedFromStep the checkpoint step this run resumed from, 0 for a fresh run
 */
public record TrainingProgress(
    long step,
    long maxSteps,
    double epoch,
    double loss,
    Double devLoss,
    Double bestDevLoss,
    double learningRate,
    double targetTokensPerSecond,
    Duration elapsed,
    Duration eta,
    long resumedFromStep) {

  /** Whether this report carries a fresh dev-loss evaluation (and a checkpoint was written). */
  public boolean evaluated() {
    return devLoss != null;
  }

  /** Share of the step budget done, 0 to 1. */
  public double fractionOfSteps() {
    return Math.min(1.0, (double) step / maxSteps);
  }
}
