package dev.translation.worker.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.contracts.Lane;
import dev.translation.contracts.LanguagePair;
import dev.translation.engine.bundle.BundleCache;
import dev.translation.engine.bundle.ModelBundle;
import dev.translation.worker.config.WorkerProperties;
import dev.translation.worker.inference.ModelLoader;
import dev.translation.worker.inference.ServingModels;
import dev.translation.worker.inference.TranslationMetrics;
import dev.translation.worker.persistence.ModelRegistryRepository;
import dev.translation.worker.persistence.ModelRegistryRepository.RegisteredVersion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** What a worker serves first, from the registry, with the starter model loaded through DJL. */
class RolloutFollowerIT {

  @TempDir Path cache;

  private final Path starter = starter();
  private final Map<String, String> checksums = ModelBundle.checksums(starter);
  private final RegisteredVersion active =
      new RegisteredVersion("de-en-starter@4", starter.toUri(), checksums);
  private final RegisteredVersion missing =
      new RegisteredVersion("de-en-starter@9", URI.create("file:/nonexistent/bundle/"), checksums);

  @Test
  void aCanaryThatCannotBeLoadedLeavesTheWorkerServingTheActiveVersionAlone() {
    ServingModels.Rollout rollout =
        initial(new ModelRegistryRepository.Rollout(active, missing, 30, 7));

    assertThat(rollout.active().id()).isEqualTo("de-en-starter@4");
    assertThat(rollout.canary()).isNull();
    // Not the registry's revision: the next reading of the registry tries the canary again.
    assertThat(rollout.revision()).isZero();
    rollout.active().unload();
  }

  @Test
  void anActiveVersionThatCannotBeLoadedKeepsTheWorkerFromStarting() {
    assertThatThrownBy(() -> initial(new ModelRegistryRepository.Rollout(missing, null, 0, 7)))
        .hasMessageContaining("/nonexistent/bundle");
  }

  private ServingModels.Rollout initial(ModelRegistryRepository.Rollout registered) {
    ModelRegistryRepository registry =
        new ModelRegistryRepository(null) {
          @Override
          public Optional<Rollout> find(LanguagePair languages) {
            return Optional.of(registered);
          }
        };
    WorkerProperties properties = properties();
    return RolloutFollower.initial(
        registry,
        new BundleCache(cache, Duration.ofMinutes(1), Long.MAX_VALUE),
        new ModelLoader(properties, new TranslationMetrics(new SimpleMeterRegistry(), Lane.BATCH)),
        LanguagePair.GERMAN_TO_ENGLISH,
        starter);
  }

  private WorkerProperties properties() {
    return new WorkerProperties(
        Lane.BATCH,
        starter,
        new WorkerProperties.Models(
            cache, Duration.ofSeconds(30), Duration.ofMinutes(1), DataSize.ofGigabytes(1)),
        1,
        new WorkerProperties.EngineLimits(20_000, 64, 8_192),
        new WorkerProperties.ConsumerSettings(
            1, Duration.ofSeconds(45), DataSize.ofKilobytes(64), Duration.ofMillis(200)),
        new WorkerProperties.Batching(64, 1, Duration.ZERO),
        new WorkerProperties.Decoding(null, 2.0),
        new WorkerProperties.Retry(0, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)),
        new WorkerProperties.DeadLetters("unused-in-this-test-0123456789abcdef"),
        new WorkerProperties.TopicCreation(false, (short) 1),
        false);
  }

  private static Path starter() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("models/de-en-starter/4"))) {
        return dir.resolve("models/de-en-starter/4");
      }
    }
    throw new IllegalStateException("no models/de-en-starter/4 above the working directory");
  }
}
