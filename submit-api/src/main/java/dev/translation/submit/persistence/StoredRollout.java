package dev.translation.submit.persistence;

import java.time.Instant;

/**
 * A {@code model_rollouts} row: what serves one language pair now.
 *
 * @param source source language
 * @param target target language
 * @param activeModel model id of the active version
 * @param canaryModel model id of the canary, or null
 * @param canaryPercent share of the pair's segments the canary serves, or null
 * @param revision increases with every change of the rollout
 * @param updatedAt when it last changed
 */
public record StoredRollout(
    String source,
    String target,
    String activeModel,
    String canaryModel,
    Integer canaryPercent,
    long revision,
    Instant updatedAt) {}
