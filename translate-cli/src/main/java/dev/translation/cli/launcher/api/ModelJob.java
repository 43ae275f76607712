package dev.translation.cli.launcher.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model refresh or retraining as {@code GET /v1/model-jobs/{id}} shows it; fields the command
 * line does not use are left out.
 *
 * @param id {@code refresh-...} or {@code retrain-...}
 * @param kind REFRESH or RETRAIN
 * @param launchedBy the launching key's name
 * @param request the request as accepted, the launcher's defaults filled in
 * @param status QUEUED, RUNNING, SUCCEEDED, REJECTED (the gate refused the model), FAILED or
 *     CANCELLED
 * @param phase the step running now (fetch, evaluate, gate, register, rollout, collect, train), or
 *     null
 * @param progress the latest training report, or null
 * @param result scores, the gate's verdict and the rollout as far as known (free-form), or null
 * @param modelId the version registered, once it is
 * @param reason why it failed, was rejected or cancelled, or what it could not roll out
 * @param attempts processes (pods) started for it
 * @param createdAt when it was launched
 * @param startedAt when its first attempt started, or null
 * @param finishedAt when it ended, or null
 */
public record ModelJob(
    String id,
    String kind,
    String launchedBy,
    Map<String, Object> request,
    String status,
    String phase,
    Progress progress,
    Map<String, Object> result,
    String modelId,
    String reason,
    int attempts,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {

  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String REJECTED = "REJECTED";
  public static final String FAILED = "FAILED";
  public static final String CANCELLED = "CANCELLED";

  private static final Set<String> FINAL = Set.of(SUCCEEDED, REJECTED, FAILED, CANCELLED);

  public ModelJob {
    request = request == null ? Map.of() : request;
    result = result == null ? Map.of() : result;
  }

  /** Whether the job will not change any more. */
  public boolean finished() {
    return FINAL.contains(status);
  }

  /**
   * How far training has come, as the trainer last reported it.
   *
   * @param step optimiser steps taken
   * @param maxSteps the most it will take
   * @param epoch passes over the training data
   * @param loss training loss
   * @param devLoss loss on the held-out data at the last evaluation, or null
   * @param bestDevLoss the best of those, or null
   * @param tokensPerSecond target tokens trained on per second
   * @param elapsedSeconds training time so far
   * @param etaSeconds the estimated time left, or null
   * @param resumedFromStep the checkpoint's step this attempt resumed from (0: from the start)
   */
  public record Progress(
      long step,
      long maxSteps,
      Double epoch,
      Double loss,
      Double devLoss,
      Double bestDevLoss,
      Double tokensPerSecond,
      Long elapsedSeconds,
      Long etaSeconds,
      Long resumedFromStep) {}

  /**
   * Model jobs, newest first, as {@code GET /v1/model-jobs} shows them.
   *
   * @param jobs the newest
   */
  public record Page(List<ModelJob> jobs) {

    public Page {
      jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }
  }
}
