package dev.translation.launcher.corpus;

import dev.translation.launcher.corpus.ShardSummary.FailedSegment;
import dev.translation.launcher.corpus.ShardSummary.Problem;
import dev.translation.launcher.corpus.ShardSummary.SegmentCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A batch's {@code summary.json}: its shards' summaries merged, and each shard's own.
 *
 * @param batch the batch id
 * @param state how it ended
 * @param input the input as launched
 * @param format the input's format
 * @param output the output directory as launched
 * @param languages e.g. {@code de-en}
 * @param items lines or documents read
 * @param problems items that could not be translated at all
 * @param segments segment counts
 * @param failedSegments failed segments with reasons (the first ones only when there are many)
 * @param modelVersions translated segments per model version
 * @param sourceCharacters characters of source text translated
 * @param attempts processes (pods) all shards took
 * @param startedAt when the first shard started
 * @param finishedAt when the last shard finished
 * @param wallSeconds from the first start to the last finish
 * @param shards each shard's summary
 */
public record BatchSummary(
    String batch,
    String state,
    String input,
    String format,
    String output,
    String languages,
    long items,
    List<Problem> problems,
    SegmentCounts segments,
    List<FailedSegment> failedSegments,
    Map<String, Long> modelVersions,
    long sourceCharacters,
    int attempts,
    Instant startedAt,
    Instant finishedAt,
    double wallSeconds,
    List<ShardSummary> shards) {

  /**
   * Merges shard summaries.
   *
   * @param maxListed most problems and failed segments listed (the counts still count all)
   */
  public static BatchSummary merge(
      CorpusBatch batch, BatchState state, List<ShardSummary> shards, int maxListed) {
    List<ShardSummary> ordered =
        shards.stream().sorted(Comparator.comparingInt(ShardSummary::shard)).toList();
    long items = 0;
    long characters = 0;
    int attempts = 0;
    SegmentCounts segments = new SegmentCounts(0, 0, 0, 0, 0);
    List<Problem> problems = new ArrayList<>();
    List<FailedSegment> failed = new ArrayList<>();
    Map<String, Long> models = new TreeMap<>();
    Instant started = null;
    Instant finished = null;
    for (ShardSummary shard : ordered) {
      items += shard.items();
      characters += shard.sourceCharacters();
      attempts += shard.attempts();
      segments = segments.plus(shard.segments());
      shard.problems().stream().limit(maxListed - problems.size()).forEach(problems::add);
      shard.failedSegments().stream().limit(maxListed - failed.size()).forEach(failed::add);
      shard.modelVersions().forEach((model, count) -> models.merge(model, count, Long::sum));
      started = earliest(started, shard.startedAt());
      finished = latest(finished, shard.finishedAt());
    }
    double wall =
        started == null || finished == null
            ? 0
            : Duration.between(started, finished).toMillis() / 1000.0;
    return new BatchSummary(
        batch.id(),
        state.apiName(),
        batch.input(),
        batch.format().apiName(),
        batch.output(),
        batch.languages().toString(),
        items,
        problems,
        segments,
        failed,
        models,
        characters,
        attempts,
        started,
        finished,
        wall,
        ordered);
  }

  /**
   * How a batch whose shards all finished ended: with or without anything left untranslated (an
   * unreadable item, a failed segment, or a segment cancelled through its job).
   */
  public static BatchState finalState(List<ShardSummary> shards) {
    boolean partial =
        shards.stream().anyMatch(s -> !s.problems().isEmpty() || s.segments().failed() > 0);
    return partial ? BatchState.PARTIALLY_FAILED : BatchState.SUCCEEDED;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }

  private static Instant latest(Instant a, Instant b) {
    return a == null ? b : b == null ? a : Objects.requireNonNull(a.isAfter(b) ? a : b);
  }
}
