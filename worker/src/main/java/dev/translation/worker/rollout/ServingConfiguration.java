package dev.translation.worker.rollout;

import dev.translation.contracts.LanguagePair;
import dev.translation.engine.bundle.BundleCache;
import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.worker.config.WorkerProperties;
import dev.translation.worker.inference.ModelLoader;
import dev.translation.worker.inference.ServingModels;
import dev.translation.worker.inference.TranslationMetrics;
import dev.translation.worker.persistence.ModelRegistryRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the worker serves, loaded before any listener starts: the model registry's rollout of the
 * worker's language pair (or, on a fresh install, the configured bundle). The application, and with
 * it the readiness probe, only comes up once those versions are verified and loaded; they are
 * unloaded after the listener containers have stopped, so in-flight work always has a model. From
 * then on {@link ModelEventListener} follows the registry.
 */
@Configuration(proxyBeanMethods = false)
class ServingConfiguration {

  @Bean
  TranslationMetrics translationMetrics(MeterRegistry registry, WorkerProperties properties) {
    return new TranslationMetrics(registry, properties.lane());
  }

  @Bean
  ModelLoader modelLoader(WorkerProperties properties, TranslationMetrics metrics) {
    return new ModelLoader(properties, metrics);
  }

  @Bean
  BundleCache bundleCache(WorkerProperties properties) {
    WorkerProperties.Models models = properties.models();
    return new BundleCache(
        models.cacheDirectory(), models.downloadTimeout(), models.maxFileSize().toBytes());
  }

  /** The language pair every version of this worker translates: the configured bundle's. */
  @Bean
  LanguagePair servedLanguages(WorkerProperties properties) {
    ModelManifest configured = ModelBundle.readManifest(properties.resolvedModelBundle());
    return new LanguagePair(configured.sourceLanguage(), configured.targetLanguage());
  }

  @Bean(destroyMethod = "close")
  ServingModels servingModels(
      LanguagePair servedLanguages,
      ModelRegistryRepository registry,
      BundleCache bundleCache,
      ModelLoader modelLoader,
      TranslationMetrics metrics,
      WorkerProperties properties) {
    Path fallback = properties.resolvedModelBundle();
    ServingModels.Rollout initial =
        RolloutFollower.initial(registry, bundleCache, modelLoader, servedLanguages, fallback);
    metrics.serving(initial);
    return new ServingModels(servedLanguages, initial);
  }

  @Bean
  RolloutFollower rolloutFollower(
      ModelRegistryRepository registry,
      BundleCache bundleCache,
      ModelLoader modelLoader,
      ServingModels servingModels,
      TranslationMetrics metrics) {
    return new RolloutFollower(registry, bundleCache, modelLoader, servingModels, metrics);
  }

  @Bean
  ModelEventListener modelEventListener(
      KafkaProperties kafka,
      RolloutFollower follower,
      LanguagePair servedLanguages,
      WorkerProperties properties) {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    // Every worker reads every partition itself: no group, nothing committed.
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    return new ModelEventListener(
        () -> new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer()),
        follower::refresh,
        servedLanguages,
        properties.models().recheckInterval());
  }

  /** Part of the readiness group: up with the versions served and the canary's share. */
  @Bean
  HealthIndicator modelHealthIndicator(ServingModels models, WorkerProperties properties) {
    String lane = properties.lane().name().toLowerCase(Locale.ROOT);
    return () -> {
      ServingModels.Rollout rollout = models.current();
      Health.Builder health =
          Health.up()
              .withDetail("model", rollout.active().id())
              .withDetail("lane", lane)
              .withDetail("revision", rollout.revision());
      if (rollout.canary() != null) {
        health
            .withDetail("canary", rollout.canary().id())
            .withDetail("canaryPercent", rollout.canaryPercent());
      }
      return health.build();
    };
  }
}
