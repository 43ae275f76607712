package dev.translation.launcher.persistence;

/**
 * A shard with its job's segment counters, as the launcher shows it.
 *
 * @param shard the shard
 * @param segmentsTotal segments written so far (all of them once reading finished)
 * @param segmentsDone translated
 * @param segmentsFailed failed for good
 */
public record ShardProgress(
    StoredShard shard, int segmentsTotal, int segmentsDone, int segmentsFailed) {}
