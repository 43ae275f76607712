package dev.translation.launcher.config;

import dev.translation.outbox.OutboxRelay;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Everything the job launcher and its batch runner can be configured with, under {@code
 * translation.launcher}. Defaults live in {@code application.yml}, nowhere else.
 *
 * @param storage where batches read their input and write their output
 * @param runner how a batch runner reads, publishes and waits
 * @param relay how a batch runner's outbox relay sends its messages
 */
@ConfigurationProperties("translation.launcher")
public record LauncherProperties(Storage storage, Runner runner, OutboxRelay.Settings relay) {

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
      Path inputRoot,
      Path outputRoot,
      boolean allowPrivateUrls,
      DataSize maxDownloadSize,
      Duration downloadTimeout) {}

  /**
   * @param linesPerChunk corpus lines read, segmented and committed per chunk (the unit a retried
   *     shard resumes from)
   * @param documentsPerChunk documents per chunk
   * @param segmentsPerPublishChunk segments turned into outbox messages per chunk
   * @param segmentsPerMessage most segments one Kafka message names
   * @param charactersPerMessage most source characters one Kafka message stands for
   * @param maxSegmentCharacters longest segment; longer sentences are cut
   * @param pollInterval how often the wait for results reads the job's progress
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
      int maxReportedFailures) {}
}
