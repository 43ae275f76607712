package dev.translation.launcher.launch;

import dev.translation.contracts.LanguagePair;
import dev.translation.launcher.batch.BadInputException;
import dev.translation.launcher.batch.input.CorpusShape;
import dev.translation.launcher.batch.input.InputLocator;
import dev.translation.launcher.config.LauncherProperties;
import dev.translation.launcher.corpus.BatchPriority;
import dev.translation.launcher.corpus.CorpusBatch;
import dev.translation.launcher.corpus.CorpusFormat;
import dev.translation.launcher.persistence.CorpusBatchRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Launches a corpus batch: checks the request, records the batch and its shards, and hands it to
 * the executor. Whatever can be known to be wrong before a process starts is refused here with a
 * clear message; what only the input itself can tell (a line that is not UTF-8, a corrupt document)
 * is found by the runner.
 */
@Service
@Profile("!batch-runner")
public class LaunchBatch {

  private static final Logger log = LoggerFactory.getLogger(LaunchBatch.class);
  private static final int MAX_PATH_LENGTH = 2000;
  private static final int MAX_FIELD_LENGTH = 200;
  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final CorpusBatchRepository batches;
  private final BatchExecutor executor;
  private final LauncherProperties properties;
  private final InputLocator locator;
  private final TransactionTemplate transactions;
  private final SecureRandom random = new SecureRandom();

  public LaunchBatch(
      CorpusBatchRepository batches,
      BatchExecutor executor,
      LauncherProperties properties,
      TransactionTemplate transactions) {
    this.batches = batches;
    this.transactions = transactions;
    this.executor = executor;
    this.properties = properties;
    this.locator = new InputLocator(properties.storage());
  }

  /**
   * Launches a batch for the key's owner.
   *
   * @throws InvalidLaunchException when the request asks for something not allowed
   * @throws BatchConflictException when an unfinished batch writes to the same output
   */
  public LaunchedBatch launch(long apiKeyId, LaunchRequest request) {
    CorpusBatch batch = validated(newId(), apiKeyId, request);
    batches
        .unfinishedWithOutput(batch.output())
        .ifPresent(
            other -> {
              throw new BatchConflictException(
                  "batch "
                      + other
                      + " is still writing to "
                      + batch.output()
                      + "; choose another output");
            });
    BatchPriority priority = priority(request.priority());
    LaunchedBatch launched = LaunchedBatch.of(batch, priority, limits());
    try {
      // The batch and its shards appear together or not at all.
      transactions.executeWithoutResult(status -> batches.create(batch, priority, executor.name()));
    } catch (DuplicateKeyException raced) {
      throw new BatchConflictException(
          "another batch is still writing to " + batch.output() + "; choose another output");
    }
    log.info(
        "launched batch {} for key {}: {} {} -> {}, {} shards",
        batch.id(),
        apiKeyId,
        batch.format().apiName(),
        batch.input(),
        batch.output(),
        batch.shards());
    executor.launch(launched);
    return launched;
  }

  /** The retry limits every batch gets, for a batch launched earlier. */
  public LaunchedBatch.RetryLimits limits() {
    LauncherProperties.Launch limits = properties.launch();
    return new LaunchedBatch.RetryLimits(
        limits.backoffLimit(),
        limits.backoffLimitPerIndex(),
        limits.maxFailedIndexes(),
        limits.activeDeadline());
  }

  private CorpusBatch validated(String id, long apiKeyId, LaunchRequest request) {
    String input = required(request.input(), "input");
    String output = normalizedOutput(required(request.output(), "output"));
    if (input.length() > MAX_PATH_LENGTH || output.length() > MAX_PATH_LENGTH) {
      throw new InvalidLaunchException(
          "input and output are at most " + MAX_PATH_LENGTH + " characters");
    }
    CorpusFormat format =
        request.format() == null ? CorpusFormat.guess(input) : format(request.format());
    String field =
        request.field() == null || request.field().isBlank() ? null : request.field().strip();
    if (field != null && field.length() > MAX_FIELD_LENGTH) {
      throw new InvalidLaunchException("field is at most " + MAX_FIELD_LENGTH + " characters");
    }
    if (field != null && (format == CorpusFormat.TEXT || format == CorpusFormat.DOCUMENTS)) {
      throw new InvalidLaunchException(
          "field is for tsv and jsonl corpora, not " + format.apiName());
    }
    if (field != null
        && format == CorpusFormat.TSV
        && field.chars().allMatch(Character::isDigit)
        && (field.length() > 5
            || Integer.parseInt(field) < 1
            || Integer.parseInt(field) > CorpusShape.MAX_COLUMN)) {
      throw new InvalidLaunchException(
          "TSV columns are numbered from 1 to " + CorpusShape.MAX_COLUMN);
    }
    boolean header = Boolean.TRUE.equals(request.header());
    if (header && format != CorpusFormat.TSV) {
      throw new InvalidLaunchException("header is for tsv corpora, not " + format.apiName());
    }
    LanguagePair languages = languages(request.source(), request.target());
    int shards = request.shards() == null ? 1 : request.shards();
    if (shards < 1 || shards > properties.launch().maxShards()) {
      throw new InvalidLaunchException(
          "shards must be between 1 and " + properties.launch().maxShards() + ", not " + shards);
    }
    checkPaths(input, output, format);
    return new CorpusBatch(id, apiKeyId, input, format, field, header, output, languages, shards);
  }

  /**
   * Paths must stay below their volumes, URLs must be public http(s). Where the launcher sees the
   * input volume itself (local mode), a missing input is refused now rather than by the runner.
   */
  private void checkPaths(String input, String output, CorpusFormat format) {
    try {
      if (InputLocator.isUrl(input)) {
        if (format == CorpusFormat.DOCUMENTS) {
          throw new InvalidLaunchException(
              "documents are read from a folder on the input volume, not from a URL");
        }
        locator.checkedUri(input);
      } else if (Files.isDirectory(properties.storage().inputRootPath())) {
        Path path = locator.localInput(input);
        if (format != CorpusFormat.DOCUMENTS && !Files.isRegularFile(path)) {
          throw new InvalidLaunchException(
              input + " is a folder; a " + format.apiName() + " corpus is one file");
        }
      }
      locator.normalizedOutput(output);
    } catch (BadInputException e) {
      throw new InvalidLaunchException(e.getMessage());
    }
  }

  private String normalizedOutput(String output) {
    try {
      return locator.normalizedOutput(output);
    } catch (BadInputException e) {
      throw new InvalidLaunchException(e.getMessage());
    }
  }

  private LanguagePair languages(String source, String target) {
    String pair =
        (source == null ? "de" : source.strip().toLowerCase(Locale.ROOT))
            + "-"
            + (target == null ? "en" : target.strip().toLowerCase(Locale.ROOT));
    if (!properties.launch().languagePairs().contains(pair)) {
      throw new InvalidLaunchException(
          "the language pair "
              + pair
              + " is not supported; supported: "
              + String.join(", ", properties.launch().languagePairs()));
    }
    return LanguagePair.parse(pair);
  }

  private static CorpusFormat format(String name) {
    try {
      return CorpusFormat.fromApiName(name.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidLaunchException(e.getMessage());
    }
  }

  private static BatchPriority priority(String name) {
    if (name == null) {
      return BatchPriority.NORMAL;
    }
    for (BatchPriority priority : BatchPriority.values()) {
      if (priority.apiName().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return priority;
      }
    }
    throw new InvalidLaunchException("priority must be low, normal or high, not " + name);
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new InvalidLaunchException(name + " is required");
    }
    return value.strip();
  }

  /** A new id: "b" and 12 random lower-case letters and digits (a valid Kubernetes name part). */
  private String newId() {
    StringBuilder id = new StringBuilder("b");
    for (int i = 0; i < 12; i++) {
      id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }
}
