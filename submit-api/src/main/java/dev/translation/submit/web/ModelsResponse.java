package dev.translation.submit.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.translation.submit.jobs.ServedModels;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What serves each language pair: an empty list before any model was registered.
 *
 * @param languagePairs every language pair with a rollout, by source and target language
 */
public record ModelsResponse(List<LanguagePairModels> languagePairs) {

  static ModelsResponse of(ServedModels served) {
    return new ModelsResponse(
        served.languagePairs().stream()
            .map(
                pair ->
                    new LanguagePairModels(
                        pair.source(),
                        pair.target(),
                        pair.revision(),
                        pair.updatedAt(),
                        ModelVersion.of(pair.active(), null),
                        ModelVersion.of(pair.canary(), pair.canaryPercent())))
            .toList());
  }

  /**
   * One language pair.
   *
   * @param source source language
   * @param target target language
   * @param revision increases with every change of the pair's rollout
   * @param updatedAt when the rollout last changed
   * @param active the version that serves the pair
   * @param canary the version that serves {@code percent} of the pair's segments, or null
   */
  public record LanguagePairModels(
      String source,
      String target,
      long revision,
      Instant updatedAt,
      ModelVersion active,
      @Schema(nullable = true) ModelVersion canary) {}

  /**
   * A model version.
   *
   * @param modelId name@version, as each translated segment records it ({@code model})
   * @param name the model's name
   * @param version its version
   * @param state candidate, canary, active or retired
   * @param registeredAt when it was registered
   * @param stateChangedAt when its state last changed
   * @param percent the canary's share of the pair's segments (canary only)
   * @param metrics its scores per test set
   * @param lineage where it came from, as the registry records it
   */
  public record ModelVersion(
      String modelId,
      String name,
      String version,
      String state,
      Instant registeredAt,
      Instant stateChangedAt,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(description = "The canary's share of the pair's segments; canary only")
          Integer percent,
      List<Score> metrics,
      @Schema(
              type = "object",
              description = "Training data, base model, corrections and the like, as registered")
          JsonNode lineage) {

    static ModelVersion of(ServedModels.ModelVersion version, Integer percent) {
      if (version == null) {
        return null;
      }
      return new ModelVersion(
          version.modelId(),
          version.name(),
          version.version(),
          version.state(),
          version.registeredAt(),
          version.stateChangedAt(),
          percent,
          version.metrics().stream().map(Score::of).toList(),
          version.lineage());
    }
  }

  /**
   * A score on a named test set.
   *
   * @param testSet the test set
   * @param system what was scored: the model, or a baseline
   * @param sentences sentences in the test set, or null
   * @param bleu BLEU, or null
   * @param chrf chrF, or null
   */
  public record Score(String testSet, String system, Integer sentences, Double bleu, Double chrf) {
    static Score of(ServedModels.Score score) {
      return new Score(
          score.testSet(), score.system(), score.sentences(), score.bleu(), score.chrf());
    }
  }
}
