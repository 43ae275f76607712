package dev.translation.launcher.web;

import dev.translation.contracts.LanguagePair;
import dev.translation.launcher.models.ModelNotFoundException;
import dev.translation.launcher.models.ModelVersion;
import dev.translation.launcher.models.Rollout;
import dev.translation.launcher.models.Rollouts;
import dev.translation.launcher.persistence.ModelRegistryRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The model registry for ML engineers: list versions and rollouts; promote, start a canary, end it,
 * roll back. Changes need an API key with model rights; every key may read.
 */
@RestController
@Profile("!batch-runner")
class ModelController {

  private final ModelRegistryRepository registry;
  private final Rollouts rollouts;
  private final ModelManagers managers;

  ModelController(ModelRegistryRepository registry, Rollouts rollouts, ModelManagers managers) {
    this.registry = registry;
    this.rollouts = rollouts;
    this.managers = managers;
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
