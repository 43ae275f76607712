package dev.translation.worker.rollout;

import dev.translation.contracts.LanguagePair;
import dev.translation.engine.bundle.BundleCache;
import dev.translation.engine.bundle.ModelBundle;
import dev.translation.worker.inference.ModelLoader;
import dev.translation.worker.inference.ServedModel;
import dev.translation.worker.inference.ServingModels;
import dev.translation.worker.inference.TranslationMetrics;
import dev.translation.worker.persistence.ModelRegistryRepository;
import dev.translation.worker.persistence.ModelRegistryRepository.RegisteredVersion;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the worker serve what the model registry says serves its language pair. Each {@link
 * #refresh} reads the pair's rollout; when its revision differs from what is served, the versions
 * not loaded yet are fetched into the bundle cache, verified and loaded beside the current ones,
 * then new micro-batches switch to them and the versions no longer named are unloaded once their
 * last micro-batch is done. A version that cannot be fetched or verified is not served: the worker
 * keeps serving what it has, logs why, and tries again at the next refresh.
 */
public final class RolloutFollower {

  private static final Logger log = LoggerFactory.getLogger(RolloutFollower.class);

  private final ModelRegistryRepository registry;
  private final BundleCache cache;
  private final ModelLoader loader;
  private final ServingModels models;
  private final TranslationMetrics metrics;

  public RolloutFollower(
      ModelRegistryRepository registry,
      BundleCache cache,
      ModelLoader loader,
      ServingModels models,
      TranslationMetrics metrics) {
    this.registry = registry;
    this.cache = cache;
    this.loader = loader;
    this.models = models;
    this.metrics = metrics;
  }

  /**
   * What a worker serves first: the registry's rollout of its pair, or {@code fallback} when the
   * registry has none yet (a fresh install, before the launcher registered the starter model).
   *
   * <p>A canary that cannot be fetched or verified does not keep the worker from serving: it starts
   * with the active version alone (revision 0, so the next reading of the registry tries the canary
   * again).
   *
   * @throws dev.translation.engine.bundle.InvalidModelBundleException when the active version
   *     cannot be fetched or verified: a worker does not start serving anything else
   */
  public static ServingModels.Rollout initial(
      ModelRegistryRepository registry,
      BundleCache cache,
      ModelLoader loader,
      LanguagePair languages,
      Path fallback) {
    Optional<ModelRegistryRepository.Rollout> registered = registry.find(languages);
    if (registered.isEmpty()) {
      log.info("The model registry has no rollout for {} yet: serving {}", languages, fallback);
      return ServingModels.Rollout.of(loader.load(ModelBundle.open(fallback)));
    }
    ModelRegistryRepository.Rollout rollout = registered.get();
    try {
      return load(rollout, Map.of(), cache, loader);
    } catch (RuntimeException e) {
      if (rollout.canary() == null) {
        throw e;
      }
      log.error(
          "Cannot load the canary {} ({}); starting with the active version {} alone",
          rollout.canary().modelId(),
          e.getMessage(),
          rollout.active().modelId());
      return load(
          new ModelRegistryRepository.Rollout(rollout.active(), null, 0, 0),
          Map.of(),
          cache,
          loader);
    }
  }

  /** Reads the registry and switches to its rollout if it changed. */
  public synchronized void refresh() {
    ServingModels.Rollout current = models.current();
    Optional<ModelRegistryRepository.Rollout> registered = registry.find(models.languages());
    if (registered.isEmpty() || registered.get().revision() == current.revision()) {
      return;
    }
    ModelRegistryRepository.Rollout next = registered.get();
    Map<String, ServedModel> loaded = new HashMap<>();
    loaded.put(current.active().id(), current.active());
    if (current.canary() != null) {
      loaded.put(current.canary().id(), current.canary());
    }
    ServingModels.Rollout rollout;
    try {
      rollout = load(next, loaded, cache, loader);
    } catch (RuntimeException e) {
      metrics.modelLoadFailure(
          next.canary() != null && loadedOrNot(current, next.active().modelId())
              ? next.canary().modelId()
              : next.active().modelId());
      log.error(
          "Cannot serve revision {} of the {} rollout (active {}, canary {}); still serving {}: {}",
          next.revision(),
          models.languages(),
          next.active().modelId(),
          next.canary() == null ? "none" : next.canary().modelId(),
          describe(current),
          e.getMessage());
      return;
    }
    models.serve(rollout);
    metrics.serving(rollout);
    log.info(
        "Now serving revision {} of the {} rollout: {}",
        next.revision(),
        models.languages(),
        describe(rollout));
  }

  private static ServingModels.Rollout load(
      ModelRegistryRepository.Rollout rollout,
      Map<String, ServedModel> loaded,
      BundleCache cache,
      ModelLoader loader) {
    Map<String, ServedModel> fresh = new HashMap<>();
    try {
      ServedModel active = reuseOrLoad(rollout.active(), loaded, fresh, cache, loader);
      ServedModel canary =
          rollout.canary() == null
              ? null
              : reuseOrLoad(rollout.canary(), loaded, fresh, cache, loader);
      return new ServingModels.Rollout(
          active, canary, canary == null ? 0 : rollout.canaryPercent(), rollout.revision());
    } catch (RuntimeException e) {
      fresh.values().forEach(ServedModel::unload);
      throw e;
    }
  }

  private static ServedModel reuseOrLoad(
      RegisteredVersion version,
      Map<String, ServedModel> loaded,
      Map<String, ServedModel> fresh,
      BundleCache cache,
      ModelLoader loader) {
    ServedModel existing = loaded.get(version.modelId());
    if (existing != null) {
      return existing;
    }
    ModelBundle bundle = cache.fetch(version.bundleUri(), version.checksums());
    if (!bundle.manifest().id().equals(version.modelId())) {
      throw new dev.translation.engine.bundle.InvalidModelBundleException(
          "The bundle at "
              + version.bundleUri()
              + " is "
              + bundle.manifest().id()
              + ", but the registry has it as "
              + version.modelId());
    }
    ServedModel model = loader.load(bundle);
    fresh.put(version.modelId(), model);
    return model;
  }

  /** Whether the version is one the current rollout has loaded (so not the one that failed). */
  private static boolean loadedOrNot(ServingModels.Rollout current, String modelId) {
    return current.active().id().equals(modelId)
        || (current.canary() != null && current.canary().id().equals(modelId));
  }

  static String describe(ServingModels.Rollout rollout) {
    return rollout.canary() == null
        ? rollout.active().id()
        : rollout.active().id()
            + " with "
            + rollout.canary().id()
            + " as a canary on "
            + rollout.canaryPercent()
            + " % of segments";
  }
}
