package dev.translation.cli.launcher.api;

import dev.translation.contracts.LanguagePair;
import java.time.Instant;

/**
 * What serves a language pair now, as the launcher's {@code /v1/models} calls show it.
 *
 * @param languages the pair
 * @param activeModel the version serving the segments outside a canary, {@code name@version}
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
