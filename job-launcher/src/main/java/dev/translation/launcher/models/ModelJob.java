package dev.translation.launcher.models;

import java.time.Instant;
import java.util.Map;

/**
 * A model refresh or retraining, as the launcher shows it.
 *
 * @param id {@code refresh-...} or {@code retrain-...}
 * @param kind {@code REFRESH} or {@code RETRAIN}
 * @param launchedBy the API key's name
 * @param request the accepted request
 * @param status {@code QUEUED}, {@code RUNNING}, {@code SUCCEEDED}, {@code REJECTED} (the gate
 *     refused the model), {@code FAILED} or {@code CANCELLED}
 * @param phase the step running now
 * @param progress the latest progress report (training: step, loss, tokens/s, ETA)
 * @param result scores, the gate's verdict and the rollout, once known
 * @param modelId the version registered, once it is
 * @param reason why it failed, was rejected or cancelled
 * @param attempts processes (pods) started for it
 */
public record ModelJob(
    String id,
    String kind,
    long apiKeyId,
    String launchedBy,
    ModelJobRequest request,
    String status,
    String phase,
    Map<String, Object> progress,
    Map<String, Object> result,
    String modelId,
    String reason,
    int attempts,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {

  /** Whether it has ended. */
  public boolean finished() {
    return switch (status) {
      case "SUCCEEDED", "REJECTED", "FAILED", "CANCELLED" -> true;
      default -> false;
    };
  }
}
