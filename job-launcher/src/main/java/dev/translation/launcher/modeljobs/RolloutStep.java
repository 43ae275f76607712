package dev.translation.launcher.modeljobs;

import dev.translation.launcher.models.ModelJob;
import dev.translation.launcher.models.ModelJobRequest;
import dev.translation.launcher.models.ModelState;
import dev.translation.launcher.models.ModelVersion;
import dev.translation.launcher.models.RolloutConflictException;
import dev.translation.launcher.models.Rollouts;
import dev.translation.launcher.persistence.ModelJobRepository;
import dev.translation.launcher.persistence.ModelRegistryRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of both model jobs: promote the registered version, start its canary, or leave it a
 * candidate, as the launch asked; never when its gate failed. Then the job has succeeded.
 */
final class RolloutStep {

  private static final Logger log = LoggerFactory.getLogger(RolloutStep.class);

  private final ModelJobRun run;
  private final Rollouts rollouts;
  private final ModelJobRepository jobs;
  private final ModelRegistryRepository registry;

  RolloutStep(
      ModelJobRun run,
      Rollouts rollouts,
      ModelJobRepository jobs,
      ModelRegistryRepository registry) {
    this.run = run;
    this.rollouts = rollouts;
    this.jobs = jobs;
    this.registry = registry;
  }

  /**
   * @param gatePassed whether the version passed its gate
   * @param gateSummary the gate's findings, for the reason it was not rolled out
   */
  void apply(String modelId, boolean gatePassed, String gateSummary) {
    run.phase("rollout");
    ModelJobRequest request = run.job().request();
    String outcome;
    String reason = null;
    ModelState state = registry.find(modelId).map(ModelVersion::state).orElse(ModelState.CANDIDATE);
    String status = jobs.find(run.id()).map(ModelJob::status).orElse("RUNNING");
    if (!status.equals("RUNNING")) {
      // Cancelled while it ran: what it registered stays a candidate.
      log.info(
          "{}: {}, so {} is not rolled out",
          run.id(),
          status.toLowerCase(java.util.Locale.ROOT),
          modelId);
      return;
    }
    if (ModelJobRequest.THEN_PROMOTE.equals(request.then()) && state == ModelState.ACTIVE) {
      // An earlier attempt promoted it and was stopped before it could record that.
      outcome = "promoted";
    } else if (ModelJobRequest.THEN_CANARY.equals(request.then()) && state == ModelState.CANARY) {
      outcome = "canary on " + request.canaryPercent() + " % of segments";
    } else if (ModelJobRequest.THEN_CANDIDATE.equals(request.then())) {
      outcome = "left a candidate, as asked";
    } else if (!gatePassed) {
      outcome = "left a candidate: not " + request.then() + "d, since the gate refused it";
      reason = "registered " + modelId + " but did not " + request.then() + " it: " + gateSummary;
    } else {
      try {
        if (ModelJobRequest.THEN_PROMOTE.equals(request.then())) {
          rollouts.promote(modelId, run.actor());
          outcome = "promoted";
        } else {
          rollouts.canary(modelId, request.canaryPercent(), run.actor());
          outcome = "canary on " + request.canaryPercent() + " % of segments";
        }
      } catch (RolloutConflictException e) {
        outcome = "left a candidate: " + e.getMessage();
        reason =
            "registered " + modelId + " but could not " + request.then() + " it: " + e.getMessage();
      }
    }
    Map<String, Object> result = new LinkedHashMap<>(run.currentResult(jobs));
    result.put("rollout", outcome);
    jobs.result(run.id(), result, modelId);
    jobs.finish(run.id(), "SUCCEEDED", reason);
    log.info("{}: {} {}", run.id(), modelId, outcome);
  }
}
