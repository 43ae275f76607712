package dev.translation.submit.persistence;

import java.time.Instant;

/**
 * A {@code model_versions} row, as far as the submit API shows it.
 *
 * @param modelId name@version, as translated segments record it
 * @param name the model's name
 * @param version its version
 * @param state CANDIDATE, CANARY, ACTIVE or RETIRED
 * @param registeredAt when it was registered
 * @param stateChangedAt when its state last changed
 * @param metricsJson its scores: a JSON array of {testSet, system, sentences, bleu, chrf}
 * @param lineageJson where it came from: a JSON object
 */
public record StoredModelVersion(
    String modelId,
    String name,
    String version,
    String state,
    Instant registeredAt,
    Instant stateChangedAt,
    String metricsJson,
    String lineageJson) {}
