package dev.translation.worker.inference;

import dev.translation.engine.inference.EngineOptions;
import dev.translation.engine.inference.TranslationEngine;
import dev.translation.worker.config.WorkerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the model once per process, before any listener starts. The application (and with it the
 * readiness probe) only comes up once the bundle has been verified and loaded; the engine is closed
 * after the listener containers have stopped, so in-flight work always has a model.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

  @Bean(destroyMethod = "close")
  TranslationEngine translationEngine(WorkerProperties properties) {
    Path bundle = properties.resolvedModelBundle();
    long start = System.nanoTime();
    TranslationEngine engine =
        TranslationEngine.open(
            bundle, EngineOptions.defaults().withThreadsPerCall(properties.modelThreadsPerCall()));
    log.info(
        "Loaded model {} from {} in {} ms; {} consumer thread(s), {} libtorch thread(s) per call,"
            + " beam {}",
        engine.manifest().id(),
        bundle,
        (System.nanoTime() - start) / 1_000_000,
        properties.consumer().threads(),
        properties.modelThreadsPerCall() == 0 ? "default" : properties.modelThreadsPerCall(),
        properties.decoding().options(properties.lane()).beamSize());
    return engine;
  }

  @Bean
  TranslationMetrics translationMetrics(
      MeterRegistry registry, WorkerProperties properties, TranslationEngine engine) {
    return new TranslationMetrics(registry, properties.lane(), engine.manifest().id());
  }

  /** Part of the readiness group: up with the loaded model's version. */
  @Bean
  HealthIndicator modelHealthIndicator(TranslationEngine engine, WorkerProperties properties) {
    Health health =
        Health.up()
            .withDetail("model", engine.manifest().id())
            .withDetail("lane", properties.lane().name().toLowerCase(java.util.Locale.ROOT))
            .build();
    return () -> health;
  }
}
