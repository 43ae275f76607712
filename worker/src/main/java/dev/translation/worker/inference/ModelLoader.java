package dev.translation.worker.inference;

import dev.translation.engine.ModelUnavailableException;
import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.inference.DecodeOptions;
import dev.translation.engine.inference.Translation;
import dev.translation.engine.inference.TranslationEngine;
import dev.translation.worker.config.WorkerProperties;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a verified bundle into a {@link ServedModel}: the engine, and model calls shared by the
 * lane's consumer threads that record each call's size, time and tokens under the version. With
 * {@code translation.worker.identity-translation} (benchmarks only) a call copies the texts.
 */
public final class ModelLoader {

  private static final Logger log = LoggerFactory.getLogger(ModelLoader.class);

  private final WorkerProperties properties;
  private final TranslationMetrics metrics;

  public ModelLoader(WorkerProperties properties, TranslationMetrics metrics) {
    this.properties = properties;
    this.metrics = metrics;
  }

  /** Loads the bundle (its files verified against its model.json) and starts its model calls. */
  public ServedModel load(ModelBundle bundle) {
    long start = System.nanoTime();
    TranslationEngine engine =
        TranslationEngine.open(bundle.directory(), properties.engineOptions());
    String version = engine.manifest().id();
    DecodeOptions decoding = properties.decoding().options(properties.lane());
    boolean identityTranslation = properties.identityTranslation();
    if (identityTranslation) {
      log.warn(
          "translation.worker.identity-translation is on: segments are copied, not translated");
    }
    Function<List<String>, List<Translation>> model =
        texts -> {
          long callStart = System.nanoTime();
          List<Translation> result;
          try {
            result =
                identityTranslation
                    ? texts.stream().map(text -> new Translation(text, version, 0, 0)).toList()
                    : engine.translate(texts, decoding);
          } catch (ModelUnavailableException e) {
            metrics.modelFailure(version);
            throw e;
          }
          metrics.modelBatch(
              version, texts.size(), Duration.ofNanos(System.nanoTime() - callStart));
          long source = 0;
          long target = 0;
          for (Translation translation : result) {
            source += translation.sourceTokens();
            target += translation.targetTokens();
          }
          metrics.tokens(version, source, target);
          return result;
        };
    DynamicBatcher calls =
        new DynamicBatcher(
            model, properties.modelThreads(), properties.maxSegmentsPerCall(), properties.linger());
    log.info(
        "Loaded model {} from {} in {} ms; {} consumer thread(s), {} model thread(s) with {}"
            + " libtorch thread(s) per call, calls of up to {} segments, linger {} ms, beam {}",
        version,
        bundle.directory(),
        (System.nanoTime() - start) / 1_000_000,
        properties.consumerThreads(),
        properties.modelThreads(),
        properties.modelThreadsPerCall() == 0 ? "default" : properties.modelThreadsPerCall(),
        properties.maxSegmentsPerCall(),
        properties.linger().toMillis(),
        decoding.beamSize());
    return new ServedModel(engine.manifest(), calls, engine);
  }
}
