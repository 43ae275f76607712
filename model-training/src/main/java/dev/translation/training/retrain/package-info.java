/**
 * Retraining: fine-tunes a model version on a corpus plus the corrections users submitted, holds a
 * deterministic share of the corrections out to compare the new version with its base, and writes
 * the new version as a bundle carrying its scores and lineage. {@link
 * dev.translation.training.retrain.Retraining} is the entry point.
 */
package dev.translation.training.retrain;
