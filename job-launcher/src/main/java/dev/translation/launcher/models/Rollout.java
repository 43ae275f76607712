package dev.translation.launcher.models;

import dev.translation.contracts.LanguagePair;
import java.time.Instant;

/**
 * What serves a language pair now.
 *
 * @param languages the pair
 * @param activeModel the version serving segments outside the canary
 * @param canaryModel the canary version, or null
 * @param canaryPercent the canary's share of segments, or null
 * @param revision one higher with every change
 * @param updatedAt when it last changed
 */
public record Rollout(
    LanguagePair languages,
    String activeModel,
    String canaryModel,
    Integer canaryPercent,
    long revision,
    Instant updatedAt) {}
