package dev.translation.launcher.config;

import dev.translation.contracts.LanguagePair;
import dev.translation.outbox.OutboxRelay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Everything the job launcher and its batch runner can be configured with, under {@code
 * translation.launcher}. Defaults live in {@code application.yml}, nowhere else.
 *
 * @param storage where batches read their input and write their output
 * @param runner how a batch runner reads, publishes and waits
 * @param relay how a batch runner's outbox relay sends its messages
 * @param executor which executor runs batches: {@code local} or {@code kubernetes}
 * @param launch what a launch may ask for, and the retry limits every batch gets
 * @param local the local executor
 * @param models the model registry's first version
 */
@ConfigurationProperties("translation.launcher")
public record LauncherProperties(
    Storage storage,
    Runner runner,
    OutboxRelay.Settings relay,
    String executor,
    Launch launch,
    Local local,
    Models models) {

  /**
   * The model registry and the model jobs.
   *
   * @param starterBundle the bundle the launcher registers as the first active version of its
   *     language pair on a fresh install (no rollout for the pair yet): a directory, relative ones
   *     also looked up in the working directory's parents; blank for none
   * @param starterBundleUri where workers fetch that bundle from, when not from {@code
   *     starterBundle} itself as a {@code file:} URI (on Kubernetes: the shared models volume)
   * @param directory the models volume: retrainings write their bundles here, and a refresh may
   *     take a {@code file:} bundle from here (or from the input root)
   * @param cacheDirectory where a model job copies and verifies the bundles it evaluates
   * @param workDirectory where a retraining keeps its data and checkpoints, so a retried attempt
   *     resumes training where the last one stopped (a volume that outlives the pod)
   * @param testSetsDirectory the named test sets ({@code NAME.tsv}, German TAB English)
   * @param gateTestSets the test sets a candidate is compared with the active version on
   * @param gateMargin chrF points a candidate may score below the active version on a gating test
   *     set and still pass
   * @param evaluationBeamSize the beam the gate's evaluations decode with
   * @param evaluationMaxSentences the most sentences of each test set the gate translates (0: all)
   * @param maxBundleFileSize the largest file of a bundle a refresh copies
   * @param bundleDownloadTimeout the longest one http(s) bundle file may take
   */
  public record Models(
      String starterBundle,
      String starterBundleUri,
      String directory,
      String cacheDirectory,
      String workDirectory,
      String testSetsDirectory,
      List<String> gateTestSets,
      double gateMargin,
      int evaluationBeamSize,
      int evaluationMaxSentences,
      DataSize maxBundleFileSize,
      Duration bundleDownloadTimeout) {

    public Models {
      gateTestSets = gateTestSets == null ? List.of() : List.copyOf(gateTestSets);
      if (gateMargin < 0) {
        throw new IllegalArgumentException("translation.launcher.models.gate-margin must be >= 0");
      }
    }

    /** The starter bundle's directory, if one is configured and exists. */
    public java.util.Optional<Path> starterBundlePath() {
      return existing(starterBundle);
    }

    /** The test sets' directory, if it exists. */
    public java.util.Optional<Path> testSetsPath() {
      return existing(testSetsDirectory);
    }

    public Path directoryPath() {
      return Path.of(directory).toAbsolutePath();
    }

    public Path cacheDirectoryPath() {
      return Path.of(cacheDirectory).toAbsolutePath();
    }

    public Path workDirectoryPath() {
      return Path.of(workDirectory).toAbsolutePath();
    }

    /** A directory as given when absolute or present, else the first parent that has it. */
    private static java.util.Optional<Path> existing(String directory) {
      if (directory == null || directory.isBlank()) {
        return java.util.Optional.empty();
      }
      Path given = Path.of(directory);
      if (given.isAbsolute() || java.nio.file.Files.isDirectory(given)) {
        return java.util.Optional.of(given.toAbsolutePath())
            .filter(java.nio.file.Files::isDirectory);
      }
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        if (java.nio.file.Files.isDirectory(dir.resolve(given))) {
          return java.util.Optional.of(dir.resolve(given));
        }
      }
      return java.util.Optional.empty();
    }
  }

  /**
   * @param languagePairs the directions batches may ask for, e.g. {@code de-en}
   * @param maxShards most shards one batch may be split into
   * @param backoffLimit failed attempts a batch may have in all (Kubernetes' {@code backoffLimit})
   * @param backoffLimitPerIndex failed attempts one shard may have ({@code backoffLimitPerIndex})
   * @param maxFailedIndexes shards that may fail before the batch fails ({@code maxFailedIndexes})
   * @param activeDeadline how long a batch may run ({@code activeDeadlineSeconds})
   * @param defaultListSize batches per page of {@code GET /v1/batches}
   * @param maxListSize most batches per page
   */
  public record Launch(
      List<String> languagePairs,
      int maxShards,
      int backoffLimit,
      int backoffLimitPerIndex,
      int maxFailedIndexes,
      Duration activeDeadline,
      int defaultListSize,
      int maxListSize) {

    public Launch {
      languagePairs = languagePairs == null ? List.of() : List.copyOf(languagePairs);
      languagePairs.forEach(LanguagePair::parse);
    }
  }

  /**
   * The local executor: each shard attempt is a child process running the batch runner.
   *
   * @param maxProcesses shard processes running at once; more wait, higher priority first
   * @param javaOptions JVM options of each corpus shard's process
   * @param modelJobJavaOptions JVM options of a model job's process, which runs the engine
   * @param logDirectory where each shard's output is kept (one file per shard, all attempts)
   * @param initialRetryDelay the pause before a failed shard's first retry, doubling after each
   * @param maxRetryDelay the longest pause between retries
   * @param stopGrace how long a stopped process may take to finish its chunk before it is killed
   */
  public record Local(
      int maxProcesses,
      List<String> javaOptions,
      List<String> modelJobJavaOptions,
      String logDirectory,
      Duration initialRetryDelay,
      Duration maxRetryDelay,
      Duration stopGrace) {

    public Local {
      javaOptions = javaOptions == null ? List.of() : List.copyOf(javaOptions);
      modelJobJavaOptions =
          modelJobJavaOptions == null ? List.of() : List.copyOf(modelJobJavaOptions);
    }

    /** The log directory as a path (bound as text, as the storage roots are). */
    public Path logDirectoryPath() {
      return Path.of(logDirectory);
    }
  }

  /**
   * A batch names its input and output relative to these roots and can never reach outside them, so
   * a batch owner cannot make the launcher read or overwrite the launcher's own files.
   *
   * @param inputRoot where input paths are resolved (on Kubernetes, the input volume's mount)
   * @param outputRoot where output directories are created (the output volume's mount)
   * @param allowPrivateUrls whether an input URL may point at a loopback, link-local or private
   *     address; off in production, where such an address reaches the cluster's own services
   * @param maxDownloadSize the largest corpus fetched from a URL
   * @param downloadTimeout how long a URL may take to answer and to deliver the corpus
   */
  public record Storage(
      String inputRoot,
      String outputRoot,
      boolean allowPrivateUrls,
      DataSize maxDownloadSize,
      Duration downloadTimeout) {

    /**
     * The input root as a path (bound as text: Spring reads a {@code Path} setting as a resource
     * first, which makes {@code /} the class path's root).
     */
    public Path inputRootPath() {
      return Path.of(inputRoot);
    }

    /** The output root as a path. */
    public Path outputRootPath() {
      return Path.of(outputRoot);
    }
  }

  /**
   * @param linesPerChunk corpus lines read, segmented and committed per chunk (the unit a retried
   *     shard resumes from)
   * @param documentsPerChunk documents per chunk
   * @param segmentsPerPublishChunk segments turned into outbox messages per chunk
   * @param segmentsPerMessage most segments one Kafka message names
   * @param charactersPerMessage most source characters one Kafka message stands for
   * @param maxSegmentCharacters longest segment; longer sentences are cut
   * @param pollInterval how often the wait for results reads the job's progress
   * @param kafkaTimeout how long Kafka may refuse the shard's messages before the attempt fails (as
   *     transient: it is retried)
   * @param maxReportedFailures failed segments listed by name in {@code summary.json}
   */
  public record Runner(
      int linesPerChunk,
      int documentsPerChunk,
      int segmentsPerPublishChunk,
      int segmentsPerMessage,
      int charactersPerMessage,
      int maxSegmentCharacters,
      Duration pollInterval,
      Duration kafkaTimeout,
      int maxReportedFailures) {}
}
