package dev.translation.cli.launcher.api;

import java.util.List;

/**
 * The launcher's model registry, as {@code GET /v1/models} shows it.
 *
 * @param rollouts what serves each language pair
 * @param versions every registered version
 */
public record ModelRegistry(List<Rollout> rollouts, List<ModelVersion> versions) {

  public ModelRegistry {
    rollouts = rollouts == null ? List.of() : List.copyOf(rollouts);
    versions = versions == null ? List.of() : List.copyOf(versions);
  }
}
