package dev.translation.launcher.launch;

import dev.translation.launcher.corpus.BatchState;
import dev.translation.launcher.corpus.BatchSummary;
import dev.translation.launcher.corpus.ShardState;
import dev.translation.launcher.corpus.ShardSummary;
import dev.translation.launcher.persistence.CorpusBatchRepository;
import dev.translation.launcher.persistence.ShardJobRepository;
import dev.translation.launcher.persistence.ShardProgress;
import dev.translation.launcher.persistence.StoredBatch;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records what executors report. A failed batch keeps what its shards translated: its summary
 * merges the shards that finished, its untranslated segments are cancelled (so no worker spends
 * time on a batch that will not be written), and the reason names the shard and the cause.
 */
@Component
@Profile("!batch-runner")
public class BatchOutcomes implements ExecutionEvents {

  private static final Logger log = LoggerFactory.getLogger(BatchOutcomes.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_LISTED = 1000;

  private final CorpusBatchRepository batches;
  private final ShardJobRepository jobs;
  private final TransactionTemplate transactions;

  public BatchOutcomes(
      CorpusBatchRepository batches, ShardJobRepository jobs, TransactionTemplate transactions) {
    this.batches = batches;
    this.jobs = jobs;
    this.transactions = transactions;
  }

  @Override
  public void attemptFailed(String batchId, int shard, int exitCode, String reason) {
    log.warn(
        "batch {} shard {}: attempt failed (exit code {}): {}", batchId, shard, exitCode, reason);
    batches.attemptFailed(batchId, shard, reason);
  }

  @Override
  public void shardFailed(String batchId, int shard, String reason) {
    log.error("batch {} shard {} failed: {}", batchId, shard, reason);
    batches.failShard(batchId, shard, reason);
  }

  @Override
  public void batchFailed(String batchId, String reason) {
    transactions.executeWithoutResult(
        status -> {
          StoredBatch batch = batches.findStored(batchId).orElse(null);
          if (batch == null || batches.lock(batchId).isTerminal()) {
            return;
          }
          List<ShardProgress> shards = batches.progress(batchId);
          int cancelled = jobs.cancelPending(CancelBatch.jobIds(shards));
          batches.endUnfinishedShards(batchId, ShardState.FAILED);
          batches.finish(
              batchId, BatchState.FAILED, reason, summary(batch, shards, BatchState.FAILED));
          log.error(
              "batch {} failed ({} segments left untranslated): {}", batchId, cancelled, reason);
        });
  }

  @Override
  public void batchCompleted(String batchId) {
    transactions.executeWithoutResult(
        status -> {
          StoredBatch batch = batches.findStored(batchId).orElse(null);
          if (batch == null || batches.lock(batchId).isTerminal()) {
            return;
          }
          List<ShardProgress> shards = batches.progress(batchId);
          if (shards.stream().allMatch(s -> s.shard().state() == ShardState.SUCCEEDED)) {
            // The last shard closes its batch itself; this only happens when that was lost.
            List<ShardSummary> summaries = summaries(shards);
            BatchState state = BatchSummary.finalState(summaries);
            batches.finish(batchId, state, null, summary(batch, shards, state));
          } else {
            batches.endUnfinishedShards(batchId, ShardState.FAILED);
            batches.finish(
                batchId,
                BatchState.FAILED,
                "its executor finished, but not every shard recorded its outputs",
                summary(batch, shards, BatchState.FAILED));
          }
        });
  }

  private static String summary(StoredBatch batch, List<ShardProgress> shards, BatchState state) {
    return JSON.writeValueAsString(
        BatchSummary.merge(batch.batch(), state, summaries(shards), MAX_LISTED));
  }

  private static List<ShardSummary> summaries(List<ShardProgress> shards) {
    List<ShardSummary> summaries = new ArrayList<>();
    for (ShardProgress shard : shards) {
      if (shard.shard().summary() != null) {
        summaries.add(JSON.readValue(shard.shard().summary(), ShardSummary.class));
      }
    }
    return summaries;
  }
}
