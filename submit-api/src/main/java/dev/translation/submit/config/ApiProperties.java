package dev.translation.submit.config;

import dev.translation.contracts.LanguagePair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Everything the submit API can be configured with, under {@code translation.api}. Defaults live in
 * {@code application.yml}, nowhere else.
 *
 * @param languagePairs the supported translation directions, e.g. {@code de-en}
 * @param limits default limits per API key (a key's non-null columns override them)
 * @param lanes how jobs are split into messages and routed to lanes
 * @param segmentation how texts are cut into segments
 * @param relay the outbox relay
 * @param await the optional wait on submit ({@code ?wait=2s})
 * @param listing paging of {@code GET /v1/jobs}
 * @param cors which browser origins may call the API
 * @param documents jobs submitted as files
 * @param corrections users' corrections of their translations
 * @param bootstrapKeyFile when set and no API key exists yet, one is created at startup and written
 *     to this file (mode 600); for local mode
 */
@ConfigurationProperties("translation.api")
public record ApiProperties(
    List<String> languagePairs,
    Limits limits,
    Lanes lanes,
    Segmentation segmentation,
    Relay relay,
    Await await,
    Listing listing,
    Cors cors,
    Documents documents,
    Corrections corrections,
    Path bootstrapKeyFile) {

  public ApiProperties {
    languagePairs = languagePairs == null ? List.of() : List.copyOf(languagePairs);
    // Fail at startup on a typo such as 'de_en', not on the first request.
    languagePairs.forEach(LanguagePair::parse);
    cors = cors == null ? new Cors(List.of()) : cors;
  }

  /**
   * @param maxRequestSize largest request body accepted (413 above it)
   * @param maxTextsPerRequest default texts per submit
   * @param maxCharsPerText default characters (code points) per text
   * @param requestsPerMinute default request rate per key (429 above it)
   * @param failedAuthenticationsPerMinute failed authentications allowed per client address; above
   *     it the address gets 429 before its keys are even looked up, so keys cannot be guessed fast
   */
  public record Limits(
      DataSize maxRequestSize,
      int maxTextsPerRequest,
      int maxCharsPerText,
      int requestsPerMinute,
      int failedAuthenticationsPerMinute) {}

  /**
   * @param batchThresholdSegments jobs with more segments than this go to the batch lane
   * @param batchThresholdCharacters jobs with more characters than this go to the batch lane
   * @param segmentsPerMessage most segments one Kafka message names
   * @param charactersPerMessage most characters of source text one message stands for (a single
   *     longer segment still travels alone)
   * @param interactiveSegmentsPerMinute segments each key may put on the interactive lane per
   *     minute; its jobs beyond that go to the batch lane (0 = no budget)
   */
  public record Lanes(
      int batchThresholdSegments,
      int batchThresholdCharacters,
      int segmentsPerMessage,
      int charactersPerMessage,
      int interactiveSegmentsPerMinute) {}

  /**
   * @param maxSegmentCharacters longest segment: a longer sentence is cut (at a space where there
   *     is one) into parts of at most this many characters
   */
  public record Segmentation(int maxSegmentCharacters) {}

  /**
   * Jobs submitted as files.
   *
   * @param maxFileSize largest file accepted (413 above it)
   * @param maxSegments most sentence segments one document may hold; larger corpora belong to the
   *     job launcher's corpus jobs
   * @param retention how long jobs (texts and documents alike) and their files are kept
   * @param purgeInterval how often expired jobs are deleted
   */
  public record Documents(
      DataSize maxFileSize, int maxSegments, Duration retention, Duration purgeInterval) {}

  /**
   * Users' better translations of their own segments, kept for retraining.
   *
   * @param maxLength most characters (code points) a correction may have; a correction is also held
   *     to four times its source's length plus 200, so a segment cannot carry unrelated text into
   *     training data
   */
  public record Corrections(int maxLength) {}

  /**
   * @param enabled whether this replica runs the relay (several replicas may: rows are claimed with
   *     SKIP LOCKED)
   * @param interval pause between relay runs when there is nothing to do
   * @param batchSize outbox rows claimed per transaction
   * @param sendTimeout how long to wait for Kafka to acknowledge one batch
   * @param initialBackoff first pause after Kafka failed, doubled on every further failure
   * @param maxBackoff longest pause after failures
   * @param retention how long published rows are kept before they are purged
   * @param purgeInterval how often published rows older than {@code retention} are purged
   * @param purgeBatchSize most rows one purge deletes (a backlog goes over several purges, so no
   *     purge holds locks for long)
   * @param shutdownGrace how long stopping waits beyond {@code sendTimeout} for a run in progress
   */
  public record Relay(
      boolean enabled,
      Duration interval,
      int batchSize,
      Duration sendTimeout,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration retention,
      Duration purgeInterval,
      int purgeBatchSize,
      Duration shutdownGrace) {}

  /**
   * @param max longest wait a client may ask for; longer requests are capped
   * @param fallbackPoll how often a waiting request reads the job's status when no worker's
   *     announcement woke it (announcements lost, or workers that do not send them)
   */
  public record Await(Duration max, Duration fallbackPoll) {}

  /**
   * @param defaultSize page size when the client gives none
   * @param maxSize largest page size; larger requests are capped
   */
  public record Listing(int defaultSize, int maxSize) {}

  /**
   * @param allowedOrigins browser origins allowed to call the API cross-origin, e.g. {@code
   *     https://app.example.com}; none by default, so browsers on other sites are refused
   */
  public record Cors(List<String> allowedOrigins) {
    public Cors {
      allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }
  }
}
