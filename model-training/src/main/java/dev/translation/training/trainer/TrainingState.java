package dev.translation.training.trainer;

/**
 * Where a run stands; written with every checkpoint so an interrupted run resumes from there.
 *
 * @param step optimiser steps taken
 * @param epoch current epoch (0-based)
 * @param batchInEpoch next batch of the current epoch's order
 * @param targetTokens target tokens trained on so far
 * @param trainingSeconds training time so far, summed over resumed runs
 * @param bestDevLoss best dev loss seen, or {@code Double.MAX_VALUE}
 * @param bestStep step at which the best dev loss was seen
 * @param evaluationsWithoutImprovement consecutive evaluations not beating {@code bestDevLoss}
 */
public record TrainingState(
    long step,
    long epoch,
    int batchInEpoch,
    long targetTokens,
    double trainingSeconds,
    double bestDevLoss,
    long bestStep,
    int evaluationsWithoutImprovement) {

  static TrainingState initial() {
    return new TrainingState(0, 0, 0, 0, 0, Double.MAX_VALUE, 0, 0);
  }
}
