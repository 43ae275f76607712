package dev.translation.launcher.models;

import dev.translation.contracts.LanguagePair;
import dev.translation.launcher.batch.input.InputLocator;
import dev.translation.launcher.config.LauncherProperties;
import dev.translation.launcher.corpus.BatchPriority;
import dev.translation.launcher.launch.BatchExecutor;
import dev.translation.launcher.launch.InvalidLaunchException;
import dev.translation.launcher.launch.LaunchBatch;
import dev.translation.launcher.launch.LaunchedBatch;
import dev.translation.launcher.launch.RunnerKind;
import dev.translation.launcher.persistence.ModelJobRepository;
import dev.translation.launcher.persistence.ModelRegistryRepository;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;

/**
 * Launches a model refresh or retraining: checks the request up front (a job that could only fail
 * is refused with the reason), fills in the defaults, records the job and hands it to the executor,
 * which runs it like a corpus batch of one shard (same retry limits and exit codes).
 */
@Service
@Profile("!batch-runner")
public class LaunchModelJob {

  private static final Logger log = LoggerFactory.getLogger(LaunchModelJob.class);
  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
  private static final Pattern TEST_SET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

  private final ModelJobRepository jobs;
  private final ModelRegistryRepository registry;
  private final BatchExecutor executor;
  private final LaunchBatch batches;
  private final LauncherProperties properties;
  private final InputLocator inputs;
  private final SecureRandom random = new SecureRandom();

  public LaunchModelJob(
      ModelJobRepository jobs,
      ModelRegistryRepository registry,
      BatchExecutor executor,
      LaunchBatch batches,
      LauncherProperties properties) {
    this.jobs = jobs;
    this.registry = registry;
    this.executor = executor;
    this.batches = batches;
    this.properties = properties;
    this.inputs = new InputLocator(properties.storage());
  }

  /** Launches a refresh: a new bundle checked, evaluated, gated, registered and rolled out. */
  public ModelJob refresh(long apiKeyId, String launchedBy, ModelJobRequest request) {
    if (request.bundleUri() == null || request.bundleUri().isBlank()) {
      throw new InvalidLaunchException("bundleUri is required: where the new bundle is");
    }
    URI bundle = bundleUri(request.bundleUri().strip());
    String sha = request.modelJsonSha256();
    if (sha != null && !SHA_256.matcher(sha.strip().toLowerCase(Locale.ROOT)).matches()) {
      throw new InvalidLaunchException("modelJsonSha256 must be 64 hex digits");
    }
    ModelJobRequest accepted =
        new ModelJobRequest(
            bundle.toString(),
            sha == null ? null : sha.strip().toLowerCase(Locale.ROOT),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            languages(request.languages()).toString(),
            testSets(request.testSets()),
            gateMargin(request.gateMargin()),
            then(request.then(), request.canaryPercent()),
            request.canaryPercent());
    return launch(RunnerKind.REFRESH_PREFIX, "REFRESH", apiKeyId, launchedBy, accepted);
  }

  /** Launches a retraining: the active (or a named) version fine-tuned, evaluated, registered. */
  public ModelJob retrain(long apiKeyId, String launchedBy, ModelJobRequest request) {
    LanguagePair languages = languages(request.languages());
    String base = request.baseModel();
    if (base == null || base.isBlank()) {
      base =
          registry.rollouts().stream()
              .filter(rollout -> rollout.languages().equals(languages))
              .map(Rollout::activeModel)
              .findFirst()
              .orElseThrow(
                  () ->
                      new InvalidLaunchException(
                          "no version serves " + languages + " yet: name a baseModel"));
    } else {
      ModelVersion named =
          registry
              .find(base.strip())
              .orElseThrow(
                  () ->
                      new InvalidLaunchException(
                          "no model version " + request.baseModel().strip() + " to retrain"));
      if (!named.languages().equals(languages)) {
        throw new InvalidLaunchException(
            named.modelId() + " translates " + named.languages() + ", not " + languages);
      }
    }
    String corpus = request.corpus();
    if (corpus != null && !corpus.isBlank()) {
      try {
        inputs.localInput(corpus.strip());
      } catch (RuntimeException e) {
        throw new InvalidLaunchException(e.getMessage());
      }
      corpus = corpus.strip();
    } else {
      corpus = null;
    }
    boolean corrections = request.corrections() == null || request.corrections();
    if (!corrections && corpus == null) {
      throw new InvalidLaunchException("nothing to train on: give a corpus, or use corrections");
    }
    int heldOut = request.heldOutPercent() == null ? 20 : request.heldOutPercent();
    if (heldOut < 1 || heldOut > 50) {
      throw new InvalidLaunchException("heldOutPercent must be between 1 and 50");
    }
    if (request.maxSteps() != null && (request.maxSteps() < 1 || request.maxSteps() > 1_000_000)) {
      throw new InvalidLaunchException("maxSteps must be between 1 and 1000000");
    }
    if (request.maxMinutes() != null
        && !(request.maxMinutes() > 0 && request.maxMinutes() <= 10_080)) {
      throw new InvalidLaunchException("maxMinutes must be more than 0 and at most a week");
    }
    String version = request.version();
    if (version != null && !VERSION.matcher(version.strip()).matches()) {
      throw new InvalidLaunchException(
          "version must be 1 to 40 letters, digits, dots, dashes and underscores");
    }
    ModelJobRequest accepted =
        new ModelJobRequest(
            null,
            null,
            base.strip(),
            corpus,
            corrections,
            heldOut,
            request.maxSteps(),
            request.maxMinutes(),
            version == null ? null : version.strip(),
            languages.toString(),
            testSets(request.testSets()),
            gateMargin(request.gateMargin()),
            then(request.then(), request.canaryPercent()),
            request.canaryPercent());
    return launch(RunnerKind.RETRAIN_PREFIX, "RETRAIN", apiKeyId, launchedBy, accepted);
  }

  private ModelJob launch(
      String prefix, String kind, long apiKeyId, String launchedBy, ModelJobRequest request) {
    String id = prefix + randomSuffix();
    jobs.create(id, kind, apiKeyId, launchedBy, request, executor.name());
    log.info("launched {} {} for {}: {}", kind.toLowerCase(Locale.ROOT), id, launchedBy, request);
    try {
      executor.launch(launched(id));
    } catch (RuntimeException e) {
      jobs.finish(id, "FAILED", "the executor could not start it: " + e.getMessage());
      throw e;
    }
    return jobs.find(id).orElseThrow();
  }

  /** A model job as the executor runs it: one shard, the batches' retry limits. */
  public LaunchedBatch launched(String id) {
    return new LaunchedBatch(id, 1, BatchPriority.NORMAL, batches.limits());
  }

  private URI bundleUri(String text) {
    if (InputLocator.isUrl(text)) {
      try {
        return inputs.checkedUri(text);
      } catch (RuntimeException e) {
        throw new InvalidLaunchException(e.getMessage());
      }
    }
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidLaunchException("bundleUri is not a URI: " + text);
    }
    if (!"file".equalsIgnoreCase(uri.getScheme())) {
      throw new InvalidLaunchException(
          "bundleUri must be a file: URI on the models volume or an http(s) URL: " + text);
    }
    Path path = Path.of(uri).normalize();
    Path models = properties.models().directoryPath().normalize();
    Path input = properties.storage().inputRootPath().toAbsolutePath().normalize();
    if (!path.startsWith(models) && !path.startsWith(input)) {
      throw new InvalidLaunchException(
          "a file: bundle must be on the models volume (" + models + ") or below the input root");
    }
    return path.toUri();
  }

  private LanguagePair languages(String text) {
    String pair = text == null || text.isBlank() ? "de-en" : text.strip().toLowerCase(Locale.ROOT);
    LanguagePair languages;
    try {
      languages = LanguagePair.parse(pair);
    } catch (IllegalArgumentException e) {
      throw new InvalidLaunchException(e.getMessage());
    }
    if (!properties.launch().languagePairs().contains(pair)) {
      throw new InvalidLaunchException(
          "languages "
              + pair
              + " is not served here; served: "
              + properties.launch().languagePairs());
    }
    return languages;
  }

  private List<String> testSets(List<String> requested) {
    List<String> names =
        requested == null || requested.isEmpty() ? properties.models().gateTestSets() : requested;
    Path directory =
        properties
            .models()
            .testSetsPath()
            .orElseThrow(
                () ->
                    new InvalidLaunchException(
                        "no test sets directory " + properties.models().testSetsDirectory()));
    List<String> checked = new ArrayList<>();
    for (String name : names) {
      if (name == null || !TEST_SET.matcher(name).matches()) {
        throw new InvalidLaunchException("not a test set name: " + name);
      }
      if (!java.nio.file.Files.isRegularFile(directory.resolve(name + ".tsv"))) {
        throw new InvalidLaunchException("no test set " + name + " in " + directory);
      }
      checked.add(name);
    }
    if (checked.isEmpty()) {
      throw new InvalidLaunchException("at least one test set is needed for the gate");
    }
    return checked;
  }

  private double gateMargin(Double requested) {
    double margin = requested == null ? properties.models().gateMargin() : requested;
    if (!(margin >= 0 && margin <= 100)) {
      throw new InvalidLaunchException("gateMargin must be between 0 and 100 chrF points");
    }
    return margin;
  }

  private static String then(String then, Integer canaryPercent) {
    String value = then == null || then.isBlank() ? ModelJobRequest.THEN_CANDIDATE : then.strip();
    switch (value) {
      case ModelJobRequest.THEN_CANDIDATE, ModelJobRequest.THEN_PROMOTE -> {
        if (canaryPercent != null) {
          throw new InvalidLaunchException("canaryPercent is for then=canary");
        }
      }
      case ModelJobRequest.THEN_CANARY -> {
        if (canaryPercent == null || canaryPercent < 1 || canaryPercent > 99) {
          throw new InvalidLaunchException("then=canary needs canaryPercent between 1 and 99");
        }
      }
      default ->
          throw new InvalidLaunchException(
              "then must be candidate, promote or canary, not " + value);
    }
    return value;
  }

  private String randomSuffix() {
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }
}
