package dev.translation.training.trainer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything one training or fine-tuning run needs.
 *
 * @param initialModule TorchScript to start from: the untrained architecture, or a bundle's module
 *     when fine-tuning
 * @param sentencePiece the SentencePiece model shared by source and target
 * @param workDirectory where checkpoints and progress live; a run finding a checkpoint here resumes
 *     from it
 * @param hyperparameters how it learns and when it stops
 */
public record TrainingOptions(
    Path initialModule, Path sentencePiece, Path workDirectory, Hyperparameters hyperparameters) {

  /** Validates the options. */
  public TrainingOptions {
    Objects.requireNonNull(initialModule, "initialModule");
    Objects.requireNonNull(sentencePiece, "sentencePiece");
    Objects.requireNonNull(workDirectory, "workDirectory");
    Objects.requireNonNull(hyperparameters, "hyperparameters");
  }
}
