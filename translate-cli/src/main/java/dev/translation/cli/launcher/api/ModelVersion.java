package dev.translation.cli.launcher.api;

import dev.translation.contracts.LanguagePair;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A model version in the launcher's registry, as {@code GET /v1/models/{modelId}} shows it.
 *
 * @param modelId {@code name@version}
 * @param name the model's name
 * @param version its version
 * @param languages the pair it translates
 * @param bundleUri where its bundle is ({@code file:} or {@code http(s)})
 * @param checksums SHA-256 of every file of the bundle, by file name
 * @param metrics BLEU and chrF per test set, the dictionary baseline's too
 * @param lineage where it came from (free-form)
 * @param state CANDIDATE, CANARY, ACTIVE or RETIRED
 * @param canaryPercent its share of segments while it is the canary, else null
 * @param launchedBy the key's name that registered it
 * @param registeredAt when it was registered
 * @param stateChangedAt when its state last changed
 */
public record ModelVersion(
    String modelId,
    String name,
    String version,
    LanguagePair languages,
    String bundleUri,
    Map<String, String> checksums,
    List<Metric> metrics,
    Map<String, Object> lineage,
    String state,
    Integer canaryPercent,
    String launchedBy,
    Instant registeredAt,
    Instant stateChangedAt) {

  public ModelVersion {
    checksums = checksums == null ? Map.of() : checksums;
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    lineage = lineage == null ? Map.of() : lineage;
  }

  /**
   * Scores on one test set.
   *
   * @param testSet its name
   * @param system {@code model ...} (greedy or beam-N) or {@code dictionary-baseline}
   * @param sentences how many it has
   * @param bleu BLEU
   * @param chrf chrF
   */
  public record Metric(String testSet, String system, int sentences, double bleu, double chrf) {

    /** Whether these are the model's own scores, not a baseline's. */
    public boolean ofTheModel() {
      return system != null && system.startsWith("model");
    }
  }
}
