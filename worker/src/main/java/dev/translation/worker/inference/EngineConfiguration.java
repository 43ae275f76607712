package dev.translation.worker.inference;

import dev.translation.engine.bundle.ModelManifest;
import dev.translation.engine.inference.DecodeOptions;
import dev.translation.engine.inference.Translation;
import dev.translation.engine.inference.TranslationEngine;
import dev.translation.worker.config.WorkerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
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
    TranslationEngine engine = TranslationEngine.open(bundle, properties.engineOptions());
    log.info(
        "Loaded model {} from {} in {} ms; {} consumer thread(s), {} model thread(s) with {}"
            + " libtorch thread(s) per call, calls of up to {} segments, linger {} ms, beam {}",
        engine.manifest().id(),
        bundle,
        (System.nanoTime() - start) / 1_000_000,
        properties.consumerThreads(),
        properties.modelThreads(),
        properties.modelThreadsPerCall() == 0 ? "default" : properties.modelThreadsPerCall(),
        properties.maxSegmentsPerCall(),
        properties.linger().toMillis(),
        properties.decoding().options(properties.lane()).beamSize());
    return engine;
  }

  /** What the loaded model is: its version and language pair. */
  @Bean
  ModelManifest modelManifest(TranslationEngine engine) {
    return engine.manifest();
  }

  /**
   * The model calls, shared by all consumer threads. Each call records its size, time and tokens.
   * With {@code translation.worker.identity-translation} (benchmarks only) a call copies the texts.
   */
  @Bean(destroyMethod = "close")
  DynamicBatcher modelBatcher(
      TranslationEngine engine, WorkerProperties properties, TranslationMetrics metrics) {
    DecodeOptions decoding = properties.decoding().options(properties.lane());
    String modelVersion = engine.manifest().id();
    boolean identityTranslation = properties.identityTranslation();
    if (identityTranslation) {
      log.warn(
          "translation.worker.identity-translation is on: segments are copied, not translated");
    }
    Function<List<String>, List<Translation>> model =
        texts -> {
          long start = System.nanoTime();
          List<Translation> result =
              identityTranslation
                  ? texts.stream().map(text -> new Translation(text, modelVersion, 0, 0)).toList()
                  : engine.translate(texts, decoding);
          metrics.modelBatch(texts.size(), Duration.ofNanos(System.nanoTime() - start));
          long source = 0;
          long target = 0;
          for (Translation translation : result) {
            source += translation.sourceTokens();
            target += translation.targetTokens();
          }
          metrics.tokens(source, target);
          return result;
        };
    return new DynamicBatcher(
        model, properties.modelThreads(), properties.maxSegmentsPerCall(), properties.linger());
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
