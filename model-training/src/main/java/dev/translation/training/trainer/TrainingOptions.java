package dev.translation.training.trainer;

import java.nio.file.Path;

/**
 * Everything one training or fine-tuning run needs.
 *
 * @param initialModule TorchScript to start from: the untrained architecture, or a bundle's module
 *     when fine-tuning
 * @param sentencePiece the SentencePiece model shared by source and target
 * @param workDirectory where checkpoints and progress live; a run finding a checkpoint here resumes
 *     from it
 * @param batchTokens target budget of a batch, in padded pieces (rows x longest row)
 * @param peakLearningRate learning rate after warm-up; it then decays with the inverse square root
 * @param warmupSteps steps of linear warm-up
 * @param maxSteps stop after this many optimiser steps in total
 * @param maxMinutes stop after this much training time in total, summed over resumed runs
 * @param evaluateEvery steps between dev-loss evaluations (and checkpoints)
 * @param patience evaluations without a better dev loss before stopping early
 * @param maxSequenceTokens pairs with a longer source or target are left out of training
 * @param sentenceWeight how many times each multi-word pair is repeated per epoch, to weight full
 *     sentences over single dictionary words
 * @param seed fixes batch order, so a resumed run sees the same data in the same order
 * @param maxGradientNorm gradients are scaled down to this global L2 norm
 */
public record TrainingOptions(
    Path initialModule,
    Path sentencePiece,
    Path workDirectory,
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

  public TrainingOptions {
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
    if (maxSequenceTokens < 2 || sentenceWeight < 1) {
      throw new IllegalArgumentException("maxSequenceTokens >= 2 and sentenceWeight >= 1 needed");
    }
  }
}
