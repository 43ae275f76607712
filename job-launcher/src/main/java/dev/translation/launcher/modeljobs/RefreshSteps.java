package dev.translation.launcher.modeljobs;

import dev.translation.contracts.LanguagePair;
import dev.translation.engine.bundle.BundleCache;
import dev.translation.engine.bundle.InvalidModelBundleException;
import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.launcher.batch.BadInputException;
import dev.translation.launcher.models.ModelJobRequest;
import dev.translation.launcher.models.ModelLineage;
import dev.translation.launcher.models.ModelState;
import dev.translation.launcher.models.ModelVersion;
import dev.translation.launcher.models.Rollout;
import dev.translation.launcher.persistence.ModelJobRepository;
import dev.translation.launcher.persistence.ModelRegistryRepository;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.core.type.TypeReference;

/**
 * The steps of a refresh: fetch the bundle and verify every checksum; score it and the active
 * version on the gating test sets; gate; register it as a candidate; roll it out as asked.
 */
final class RefreshSteps {

  static final String REJECTED = "REJECTED";

  /** The fetch step's exit status when the bundle is registered already, file for file. */
  static final String UNCHANGED = "UNCHANGED";

  private static final Logger log = LoggerFactory.getLogger(RefreshSteps.class);
  private static final TypeReference<List<ModelManifest.Metric>> METRICS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> CHECKSUMS = new TypeReference<>() {};

  private final ModelJobRun run;
  private final BundleCache cache;
  private final ModelEvaluations evaluations;
  private final ModelRegistryRepository registry;
  private final ModelJobRepository jobs;
  private final RolloutStep rollout;
  private final Path registered;

  /**
   * @param registered where registered bundles are kept, each under its {@code model.json} checksum
   *     (on the models volume every worker mounts)
   */
  RefreshSteps(
      ModelJobRun run,
      BundleCache cache,
      ModelEvaluations evaluations,
      ModelRegistryRepository registry,
      ModelJobRepository jobs,
      RolloutStep rollout,
      Path registered) {
    this.run = run;
    this.cache = cache;
    this.evaluations = evaluations;
    this.registry = registry;
    this.jobs = jobs;
    this.rollout = rollout;
    this.registered = registered;
  }

  /** Copies the bundle into the cache, every file checked; a bundle that fails is bad input. */
  Tasklet fetch() {
    return (contribution, chunk) -> {
      run.phase("fetch");
      ModelJobRequest request = run.job().request();
      URI uri = URI.create(request.bundleUri());
      ModelBundle bundle;
      Map<String, String> checksums;
      try {
        checksums = cache.checksumsOf(uri, request.modelJsonSha256());
        bundle = cache.fetch(uri, checksums);
      } catch (InvalidModelBundleException e) {
        // Files that do not match, or are not there: retrying cannot help. (A bundle that could
        // not be read for a reason that may pass is a transient failure, retried.)
        throw new BadInputException(e.getMessage(), e);
      }
      ModelManifest manifest = bundle.manifest();
      LanguagePair languages =
          new LanguagePair(manifest.sourceLanguage(), manifest.targetLanguage());
      if (!languages.equals(run.languages())) {
        throw new BadInputException(
            "bundle " + uri + " translates " + languages + ", not " + run.languages());
      }
      java.util.Optional<ModelVersion> known = registry.find(manifest.id());
      if (known.isPresent() && known.get().checksums().equals(checksums)) {
        // A scheduled refresh of a "latest" URL that has not changed: nothing to do.
        jobs.result(
            run.id(), Map.of("unchanged", manifest.id() + " is registered already"), manifest.id());
        jobs.finish(
            run.id(), "SUCCEEDED", "nothing new: " + manifest.id() + " is registered already");
        contribution.setExitStatus(new ExitStatus(UNCHANGED));
        return RepeatStatus.FINISHED;
      }
      if (known.isPresent()) {
        throw new BadInputException(
            manifest.id()
                + " is registered already with other files: give the new bundle another version");
      }
      log.info("{}: fetched and verified {} ({} files)", run.id(), manifest.id(), checksums.size());
      ModelJobRun.put(contribution, "candidate.directory", bundle.directory().toString());
      ModelJobRun.put(contribution, "candidate.checksums", checksums);
      return RepeatStatus.FINISHED;
    };
  }

  /** Scores the candidate and the active version on the gating test sets, decoded alike. */
  Tasklet evaluate() {
    return (contribution, chunk) -> {
      run.phase("evaluate");
      ModelJobRequest request = run.job().request();
      String candidate = ModelJobRun.get(contribution, "candidate.directory", String.class);
      List<ModelManifest.Metric> candidateScores =
          evaluations.score(
              java.nio.file.Path.of(candidate),
              request.testSets(),
              run.directory().resolve("tests"));
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("candidate", candidateScores);
      List<ModelManifest.Metric> activeScores = List.of();
      Rollout current =
          registry.rollouts().stream()
              .filter(r -> r.languages().equals(run.languages()))
              .findFirst()
              .orElse(null);
      if (current != null) {
        ModelVersion active = registry.find(current.activeModel()).orElseThrow();
        ModelBundle activeBundle = cache.fetch(active.bundleUri(), active.checksums());
        activeScores =
            evaluations.score(
                activeBundle.directory(), request.testSets(), run.directory().resolve("tests"));
        result.put("active", Map.of("model", active.modelId(), "scores", activeScores));
      }
      jobs.result(run.id(), result, null);
      ModelJobRun.put(contribution, "candidate.metrics", candidateScores);
      ModelJobRun.put(contribution, "active.metrics", activeScores);
      ModelJobRun.put(contribution, "active.present", current != null);
      return RepeatStatus.FINISHED;
    };
  }

  /** Passes the candidate on, or ends the job REJECTED with the scores that decided it. */
  Tasklet gate() {
    return (contribution, chunk) -> {
      run.phase("gate");
      ModelJobRequest request = run.job().request();
      boolean activePresent = ModelJobRun.get(contribution, "active.present", Boolean.class);
      if (!activePresent) {
        return RepeatStatus.FINISHED;
      }
      Gate gate =
          Gate.judge(
              ModelJobRun.get(contribution, "candidate.metrics", METRICS),
              ModelJobRun.get(contribution, "active.metrics", METRICS),
              request.testSets(),
              request.gateMargin());
      Map<String, Object> result = new LinkedHashMap<>(run.currentResult(jobs));
      result.put("gate", Map.of("passed", gate.passed(), "findings", gate.findings()));
      jobs.result(run.id(), result, null);
      if (!gate.passed()) {
        jobs.finish(run.id(), "REJECTED", "the gate refused the candidate: " + gate.summary());
        log.info("{}: rejected: {}", run.id(), gate.summary());
        contribution.setExitStatus(new ExitStatus(REJECTED));
      }
      return RepeatStatus.FINISHED;
    };
  }

  /**
   * Registers the candidate with its scores (its own manifest's, and the gate's) and lineage. The
   * registry points at a copy of the verified bundle on the models volume, named by its {@code
   * model.json} checksum: the source may change or go away (a "latest" URL, a folder an operator
   * reuses), and every worker, now or later, must find exactly these files.
   */
  Tasklet register() {
    return (contribution, chunk) -> {
      run.phase("register");
      ModelJobRequest request = run.job().request();
      Path directory = Path.of(ModelJobRun.get(contribution, "candidate.directory", String.class));
      ModelManifest manifest = ModelBundle.readManifest(directory);
      Map<String, String> checksums =
          ModelJobRun.get(contribution, "candidate.checksums", CHECKSUMS);
      Path pinned = pin(directory, checksums);
      List<ModelManifest.Metric> scores =
          ModelJobRun.get(contribution, "candidate.metrics", METRICS);
      List<ModelManifest.Metric> metrics = new ArrayList<>(scores);
      for (ModelManifest.Metric own : manifest.metrics()) {
        boolean measuredHere =
            scores.stream()
                .anyMatch(
                    m -> m.testSet().equals(own.testSet()) && m.system().equals(own.system()));
        if (!measuredHere) {
          metrics.add(own);
        }
      }
      Map<String, Object> lineage = new LinkedHashMap<>(ModelLineage.of(manifest));
      lineage.put("refreshedFrom", request.bundleUri());
      lineage.put("modelJob", run.id());
      registry.insert(
          new ModelVersion(
              manifest.id(),
              manifest.name(),
              manifest.version(),
              run.languages(),
              pinned.toUri(),
              checksums,
              metrics,
              lineage,
              ModelState.CANDIDATE,
              null,
              run.job().launchedBy(),
              null,
              null));
      jobs.result(run.id(), run.currentResult(jobs), manifest.id());
      ModelJobRun.put(contribution, "registered", manifest.id());
      log.info("{}: registered {} as a candidate", run.id(), manifest.id());
      return RepeatStatus.FINISHED;
    };
  }

  /** The bundle copied to {@code registered/<model.json checksum>}, once (a retry reuses it). */
  private Path pin(Path bundle, Map<String, String> checksums) throws IOException {
    Path target = registered.resolve(checksums.get(ModelManifest.FILE_NAME));
    if (Files.isDirectory(target) && ModelBundle.checksums(target).equals(checksums)) {
      return target;
    }
    Path partial = registered.resolve(".partial-" + run.id());
    Files.createDirectories(partial);
    for (String file : checksums.keySet()) {
      Files.copy(bundle.resolve(file), partial.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!ModelBundle.checksums(partial).equals(checksums)) {
      throw new IllegalStateException("the copy of the bundle in " + partial + " does not verify");
    }
    if (Files.exists(target)) {
      throw new IllegalStateException(target + " holds other files than its name says");
    }
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /** Promotes, starts a canary or leaves a candidate, as asked; then the job has succeeded. */
  Tasklet rollOut() {
    return (contribution, chunk) -> {
      String modelId = ModelJobRun.get(contribution, "registered", String.class);
      rollout.apply(modelId, true, "");
      return RepeatStatus.FINISHED;
    };
  }
}
