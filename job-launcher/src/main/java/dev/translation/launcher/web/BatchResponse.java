package dev.translation.launcher.web;

import dev.translation.launcher.launch.BatchView;
import dev.translation.launcher.persistence.ShardProgress;
import dev.translation.launcher.persistence.StoredBatch;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A batch as the API shows it.
 *
 * @param id the batch id
 * @param status queued, running, succeeded, partially_failed, failed or cancelled
 * @param reason why it failed or was cancelled
 * @param input the input as launched
 * @param format text, tsv, jsonl or documents
 * @param field the TSV column or JSONL field
 * @param header whether the TSV corpus has a header line
 * @param output the output directory
 * @param source the source language
 * @param target the target language
 * @param shards how many shards share the input
 * @param priority low, normal or high
 * @param executor local or kubernetes
 * @param progress counts over all shards
 * @param attempts processes (pods) started over all shards
 * @param createdAt when it was launched
 * @param startedAt when its first shard started
 * @param finishedAt when it finished
 * @param shardStates each shard
 * @param summary the merged summary, once finished
 */
record BatchResponse(
    String id,
    String status,
    String reason,
    String input,
    String format,
    String field,
    boolean header,
    String output,
    String source,
    String target,
    int shards,
    String priority,
    String executor,
    Progress progress,
    int attempts,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    List<Shard> shardStates,
    JsonNode summary) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  record Progress(
      long segmentsTotal,
      long segmentsDone,
      long segmentsFailed,
      long itemsRead,
      Long itemsTotal,
      long shardsSucceeded,
      long shardsFailed,
      long shardsRunning) {}

  record Shard(
      int index,
      String status,
      String phase,
      int attempts,
      String jobId,
      long itemsRead,
      Long itemsTotal,
      int segmentsTotal,
      int segmentsDone,
      int segmentsFailed,
      String reason) {}

  static BatchResponse of(BatchView view) {
    StoredBatch stored = view.batch();
    List<ShardProgress> shards = view.shards();
    return new BatchResponse(
        stored.id(),
        stored.state().apiName(),
        stored.reason(),
        stored.batch().input(),
        stored.batch().format().apiName(),
        stored.batch().field(),
        stored.batch().hasHeader(),
        stored.batch().output(),
        stored.batch().languages().source(),
        stored.batch().languages().target(),
        stored.batch().shards(),
        stored.priority().apiName(),
        stored.executor().toLowerCase(java.util.Locale.ROOT),
        new Progress(
            view.segmentsTotal(),
            view.segmentsDone(),
            view.segmentsFailed(),
            view.itemsRead(),
            view.itemsTotal(),
            count(shards, "SUCCEEDED"),
            count(shards, "FAILED"),
            count(shards, "RUNNING")),
        view.attempts(),
        stored.createdAt(),
        stored.startedAt(),
        stored.finishedAt(),
        shards.stream()
            .map(
                s ->
                    new Shard(
                        s.shard().index(),
                        s.shard().state().apiName(),
                        s.shard().phase(),
                        s.shard().attempts(),
                        s.shard().jobId(),
                        s.shard().itemsRead(),
                        s.shard().itemsTotal(),
                        s.segmentsTotal(),
                        s.segmentsDone(),
                        s.segmentsFailed(),
                        s.shard().reason()))
            .toList(),
        stored.summary() == null ? null : JSON.readTree(stored.summary()));
  }

  private static long count(List<ShardProgress> shards, String state) {
    return shards.stream().filter(s -> s.shard().state().name().equals(state)).count();
  }
}
