package dev.translation.submit.jobs;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What serves each language pair, as the model registry says.
 *
 * @param languagePairs every pair with a rollout, by source and target language
 */
public record ServedModels(List<PairRollout> languagePairs) {

  /**
   * One language pair's rollout.
   *
   * @param source source language
   * @param target target language
   * @param revision increases with every change of the rollout
   * @param updatedAt when it last changed
   * @param active the version that serves the pair
   * @param canary the version that serves {@code canaryPercent} of the pair's segments, or null
   * @param canaryPercent the canary's share, or null
   */
  public record PairRollout(
      String source,
      String target,
      long revision,
      Instant updatedAt,
      ModelVersion active,
      ModelVersion canary,
      Integer canaryPercent) {}

  /**
   * One registered model version.
   *
   * @param modelId name@version, as translated segments record it
   * @param name the model's name
   * @param version its version
   * @param state candidate, canary, active or retired
   * @param registeredAt when it was registered
   * @param stateChangedAt when its state last changed
   * @param metrics its scores, one per test set and system
   * @param lineage where it came from (training data, base model, corrections, ...), as registered
   */
  public record ModelVersion(
      String modelId,
      String name,
      String version,
      String state,
      Instant registeredAt,
      Instant stateChangedAt,
      List<Score> metrics,
      JsonNode lineage) {}

  /**
   * A score on a named test set.
   *
   * @param testSet the test set
   * @param system what was scored: the model, or a baseline such as the dictionary
   * @param sentences how many sentences the test set has, or null when not recorded
   * @param bleu BLEU, or null when not recorded
   * @param chrf chrF, or null when not recorded
   */
  public record Score(String testSet, String system, Integer sentences, Double bleu, Double chrf) {}
}
