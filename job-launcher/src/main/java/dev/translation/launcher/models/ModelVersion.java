package dev.translation.launcher.models;

import dev.translation.contracts.LanguagePair;
import dev.translation.engine.bundle.ModelManifest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A model version in the registry.
 *
 * @param modelId {@code name@version}, as segments record it
 * @param languages the pair it translates
 * @param bundleUri where its bundle is ({@code file:} or {@code http(s)})
 * @param checksums SHA-256 of every file of the bundle, {@code model.json} included
 * @param metrics BLEU and chrF per named test set, with the dictionary baseline where known
 * @param lineage where it came from: training data, base version, corrections, steps, time
 * @param state where it stands
 * @param canaryPercent its share of segments while it is the canary, else null
 * @param launchedBy the API key's name (or component) that registered it
 * @param registeredAt when it was registered
 * @param stateChangedAt when its state last changed
 */
public record ModelVersion(
    String modelId,
    String name,
    String version,
    LanguagePair languages,
    URI bundleUri,
    Map<String, String> checksums,
    List<ModelManifest.Metric> metrics,
    Map<String, Object> lineage,
    ModelState state,
    Integer canaryPercent,
    String launchedBy,
    Instant registeredAt,
    Instant stateChangedAt) {}
