package dev.translation.launcher.models;

import dev.translation.contracts.LanguagePair;
import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.launcher.batch.BatchRunner;
import dev.translation.launcher.config.LauncherProperties;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * On a fresh install, registers the committed starter model as the first active version of its
 * language pair, so the registry, the workers and {@code GET /v1/models} agree from the start. A
 * pair that already has a rollout is left alone.
 */
@Component
@Profile("!" + BatchRunner.PROFILE)
class RegisterStarterModel implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(RegisterStarterModel.class);
  static final String REGISTERED_BY = "job-launcher (starter model)";

  private final Rollouts rollouts;
  private final LauncherProperties.Models settings;

  RegisterStarterModel(Rollouts rollouts, LauncherProperties properties) {
    this.rollouts = rollouts;
    this.settings = properties.models();
  }

  @Override
  public void run(ApplicationArguments args) {
    Optional<Path> directory = settings.starterBundlePath();
    if (directory.isEmpty()) {
      if (settings.starterBundle() != null && !settings.starterBundle().isBlank()) {
        log.warn(
            "No starter model registered: translation.launcher.models.starter-bundle {} is not a"
                + " directory",
            settings.starterBundle());
      }
      return;
    }
    ModelVersion starter = describe(directory.get(), settings.starterBundleUri());
    if (rollouts.registerFirst(starter)) {
      log.info(
          "Registered {} from {} as the first active {} version",
          starter.modelId(),
          starter.bundleUri(),
          starter.languages());
    }
  }

  /** A registry entry for the bundle in {@code directory}, with its own metrics and lineage. */
  static ModelVersion describe(Path directory, String uri) {
    Map<String, String> checksums = ModelBundle.checksums(directory);
    ModelManifest manifest = ModelBundle.readManifest(directory);
    return new ModelVersion(
        manifest.id(),
        manifest.name(),
        manifest.version(),
        new LanguagePair(manifest.sourceLanguage(), manifest.targetLanguage()),
        uri == null || uri.isBlank() ? directory.toUri() : URI.create(uri),
        checksums,
        manifest.metrics(),
        ModelLineage.of(manifest),
        ModelState.ACTIVE,
        null,
        REGISTERED_BY,
        null,
        null);
  }
}
