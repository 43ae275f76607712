package dev.translation.launcher.launch;

import dev.translation.launcher.persistence.ShardProgress;
import dev.translation.launcher.persistence.StoredBatch;
import java.util.List;

/**
 * A batch with its live progress: its shards and their jobs' counters.
 *
 * @param batch the batch as stored
 * @param shards each shard with its job's counters
 */
public record BatchView(StoredBatch batch, List<ShardProgress> shards) {

  /** Segments written so far over all shards. */
  public long segmentsTotal() {
    return shards.stream().mapToLong(ShardProgress::segmentsTotal).sum();
  }

  public long segmentsDone() {
    return shards.stream().mapToLong(ShardProgress::segmentsDone).sum();
  }

  public long segmentsFailed() {
    return shards.stream().mapToLong(ShardProgress::segmentsFailed).sum();
  }

  public long itemsRead() {
    return shards.stream().mapToLong(s -> s.shard().itemsRead()).sum();
  }

  /** Items in all, once every shard knows its share; else null. */
  public Long itemsTotal() {
    long total = 0;
    for (ShardProgress shard : shards) {
      if (shard.shard().itemsTotal() == null) {
        return null;
      }
      total += shard.shard().itemsTotal();
    }
    return total;
  }

  /** Attempts over all shards. */
  public int attempts() {
    return shards.stream().mapToInt(s -> s.shard().attempts()).sum();
  }
}
