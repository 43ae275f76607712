package dev.translation.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * The rollout of a language pair changed, as it travels on {@link Topics#MODEL_EVENTS} keyed by the
 * pair ({@code de-en}): which version is active and which (if any) is the canary, with the share of
 * segments the canary serves.
 *
 * <p>A wake-up call, like {@link JobFinishedEvent}: a worker that receives it reads the pair's
 * rollout from the registry, so events that arrive late, twice or out of order (two relays may
 * publish two quick changes in either order) never make it serve anything but the registry's latest
 * state. The content is there for people and tools reading the topic.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when produced by this code
 * @param languagePair the pair whose rollout changed
 * @param revision the rollout's revision in the registry, one higher with every change
 * @param action what changed it: {@code REGISTER_STARTER}, {@code PROMOTE}, {@code CANARY}, {@code
 *     END_CANARY} or {@code ROLLBACK}
 * @param activeModel the version that serves the pair's segments outside the canary
 * @param canaryModel the canary version, or null
 * @param canaryPercent the share of segments the canary serves (1-99), or null
 * @param changedAt when the change was committed
 */
public record ModelRolloutEvent(
    int schemaVersion,
    LanguagePair languagePair,
    long revision,
    String action,
    String activeModel,
    String canaryModel,
    Integer canaryPercent,
    Instant changedAt) {

  /** The schema version this code writes. */
  public static final int SCHEMA_VERSION = 1;

  /** Validates the event. */
  public ModelRolloutEvent {
    Objects.requireNonNull(languagePair, "languagePair");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(activeModel, "activeModel");
    Objects.requireNonNull(changedAt, "changedAt");
    if ((canaryModel == null) != (canaryPercent == null)) {
      throw new IllegalArgumentException("a canary needs both its model and its percent");
    }
    if (canaryPercent != null && (canaryPercent < 1 || canaryPercent > 99)) {
      throw new IllegalArgumentException("canaryPercent must be between 1 and 99");
    }
  }

  /** The record key: the language pair, so compaction keeps each pair's latest rollout. */
  public String key() {
    return languagePair.toString();
  }
}
