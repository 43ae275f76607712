package dev.translation.launcher.batch.input;

/**
 * The lines of a corpus one shard takes: {@code [first, end)}, numbered from 0 like {@link
 * CorpusLine#number()}.
 */
public record LineRange(long first, long end) {

  /** Lines in the range. */
  public long size() {
    return end - first;
  }

  /**
   * Shard {@code index} of {@code shards}' equal share of lines {@code [first, end)}: consecutive
   * lines, so the shards' outputs concatenate into the corpus's order.
   */
  public static LineRange shard(long first, long end, int index, int shards) {
    long lines = end - first;
    return new LineRange(first + lines * index / shards, first + lines * (index + 1) / shards);
  }
}
