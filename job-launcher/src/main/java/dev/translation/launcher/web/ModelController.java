package dev.translation.launcher.web;

import dev.translation.contracts.LanguagePair;
import dev.translation.launcher.launch.BatchExecutor;
import dev.translation.launcher.models.LaunchModelJob;
import dev.translation.launcher.models.ModelJob;
import dev.translation.launcher.models.ModelJobOutcomes;
import dev.translation.launcher.models.ModelJobRequest;
import dev.translation.launcher.models.ModelNotFoundException;
import dev.translation.launcher.models.ModelVersion;
import dev.translation.launcher.models.Rollout;
import dev.translation.launcher.models.Rollouts;
import dev.translation.launcher.persistence.ModelJobRepository;
import dev.translation.launcher.persistence.ModelRegistryRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The model registry for ML engineers: list versions and rollouts; promote, start a canary, end it,
 * roll back. Changes need an API key with model rights; every key may read.
 */
@RestController
@Profile("!batch-runner")
class ModelController {

  private static final int MAX_LIST = 100;
  private static final int MAX_LOG_LINES = 10_000;

  private final ModelRegistryRepository registry;
  private final Rollouts rollouts;
  private final ModelManagers managers;
  private final LaunchModelJob launches;
  private final ModelJobRepository modelJobs;
  private final ModelJobOutcomes outcomes;
  private final BatchExecutor executor;

  ModelController(
      ModelRegistryRepository registry,
      Rollouts rollouts,
      ModelManagers managers,
      LaunchModelJob launches,
      ModelJobRepository modelJobs,
      ModelJobOutcomes outcomes,
      BatchExecutor executor) {
    this.registry = registry;
    this.rollouts = rollouts;
    this.managers = managers;
    this.launches = launches;
    this.modelJobs = modelJobs;
    this.outcomes = outcomes;
    this.executor = executor;
  }

  /** Model jobs, newest first. */
  record ModelJobList(List<ModelJob> jobs) {}

  @PostMapping(value = "/v1/model-jobs/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ModelJob> refresh(@RequestBody ModelJobRequest request, HttpServletRequest http) {
    long key = key(http);
    ModelJob job = launches.refresh(key, managers.require(key), request);
    return ResponseEntity.created(URI.create("/v1/model-jobs/" + job.id())).body(job);
  }

  @PostMapping(value = "/v1/model-jobs/retrain", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ModelJob> retrain(@RequestBody ModelJobRequest request, HttpServletRequest http) {
    long key = key(http);
    ModelJob job = launches.retrain(key, managers.require(key), request);
    return ResponseEntity.created(URI.create("/v1/model-jobs/" + job.id())).body(job);
  }

  /** Model jobs carry bundle URLs and pod logs: for keys with model rights only. */
  @GetMapping("/v1/model-jobs")
  ModelJobList jobs(@RequestParam(required = false) Integer limit, HttpServletRequest http) {
    managers.require(key(http));
    int size = limit == null ? 20 : Math.clamp(limit, 1, MAX_LIST);
    return new ModelJobList(modelJobs.list(size));
  }

  @GetMapping("/v1/model-jobs/{id}")
  ModelJob job(@PathVariable String id, HttpServletRequest http) {
    managers.require(key(http));
    return modelJobs.find(id).orElseThrow(() -> new ModelNotFoundException("no model job " + id));
  }

  @PostMapping("/v1/model-jobs/{id}/cancel")
  ModelJob cancel(@PathVariable String id, HttpServletRequest http) {
    managers.require(key(http));
    return outcomes.cancel(id, executor);
  }

  @GetMapping(value = "/v1/model-jobs/{id}/log", produces = MediaType.TEXT_PLAIN_VALUE)
  String log(
      @PathVariable String id,
      @RequestParam(required = false) Integer lines,
      HttpServletRequest http) {
    job(id, http);
    int tail = lines == null ? 200 : Math.clamp(lines, 1, MAX_LOG_LINES);
    return executor
        .log(id, 0, tail)
        .orElseThrow(() -> new ModelNotFoundException("model job " + id + " has no log yet"));
  }

  /** The registry: what serves each pair, and every version with its scores and lineage. */
  record Registry(List<Rollout> rollouts, List<ModelVersion> versions) {}

  /** A canary's share of segments. */
  record CanaryRequest(Integer percent) {}

  @GetMapping("/v1/models")
  Registry list() {
    return new Registry(registry.rollouts(), registry.list());
  }

  @GetMapping("/v1/models/{modelId}")
  ModelVersion show(@PathVariable String modelId) {
    return registry
        .find(modelId)
        .orElseThrow(() -> new ModelNotFoundException("no model version " + modelId));
  }

  @PostMapping("/v1/models/{modelId}/promote")
  Rollout promote(@PathVariable String modelId, HttpServletRequest http) {
    return rollouts.promote(modelId, managers.require(key(http)));
  }

  @PostMapping(value = "/v1/models/{modelId}/canary", consumes = MediaType.APPLICATION_JSON_VALUE)
  Rollout canary(
      @PathVariable String modelId, @RequestBody CanaryRequest request, HttpServletRequest http) {
    String by = managers.require(key(http));
    if (request == null || request.percent() == null) {
      throw new IllegalArgumentException("send {\"percent\": N} with N between 1 and 99");
    }
    return rollouts.canary(modelId, request.percent(), by);
  }

  @PostMapping("/v1/rollouts/{languages}/end-canary")
  Rollout endCanary(@PathVariable String languages, HttpServletRequest http) {
    return rollouts.endCanary(LanguagePair.parse(languages), managers.require(key(http)));
  }

  @PostMapping("/v1/rollouts/{languages}/rollback")
  Rollout rollback(@PathVariable String languages, HttpServletRequest http) {
    return rollouts.rollback(LanguagePair.parse(languages), managers.require(key(http)));
  }

  private static long key(HttpServletRequest http) {
    return (Long) http.getAttribute(ApiKeyInterceptor.API_KEY_ID);
  }
}
