package dev.translation.launcher.launch;

import dev.translation.launcher.corpus.BatchState;
import dev.translation.launcher.corpus.ShardState;
import dev.translation.launcher.persistence.CorpusBatchRepository;
import dev.translation.launcher.persistence.ShardJobRepository;
import dev.translation.launcher.persistence.ShardProgress;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancels a batch: the executor stops what runs (the Job and its pods are deleted, or the processes
 * terminated), the segments no worker has translated yet are cancelled and their unsent messages
 * dropped, and the batch is recorded cancelled. Translations already made are kept.
 */
@Service
@Profile("!batch-runner")
public class CancelBatch {

  private static final Logger log = LoggerFactory.getLogger(CancelBatch.class);

  private final ReadBatches reads;
  private final CorpusBatchRepository batches;
  private final ShardJobRepository jobs;
  private final BatchExecutor executor;
  private final TransactionTemplate transactions;

  public CancelBatch(
      ReadBatches reads,
      CorpusBatchRepository batches,
      ShardJobRepository jobs,
      BatchExecutor executor,
      TransactionTemplate transactions) {
    this.reads = reads;
    this.batches = batches;
    this.jobs = jobs;
    this.executor = executor;
    this.transactions = transactions;
  }

  /**
   * @throws BatchNotFoundException when the key has no such batch
   * @throws BatchConflictException when the batch already finished
   */
  public BatchView cancel(long apiKeyId, String batchId) {
    BatchView batch = reads.show(apiKeyId, batchId);
    if (batch.batch().state().isTerminal()) {
      if (batch.batch().state() == BatchState.CANCELLED) {
        return batch;
      }
      throw new BatchConflictException(
          "batch "
              + batchId
              + " already "
              + batch.batch().state().apiName()
              + "; nothing to cancel");
    }
    executor.cancel(batchId);
    transactions.executeWithoutResult(
        status -> {
          int cancelled = jobs.cancelPending(jobIds(batch.shards()));
          batches.endUnfinishedShards(batchId, ShardState.CANCELLED);
          batches.finish(batchId, BatchState.CANCELLED, "cancelled by its owner", null);
          log.info("cancelled batch {}: {} segments not translated", batchId, cancelled);
        });
    return reads.show(apiKeyId, batchId);
  }

  /** Shards' job ids, for callers that end a batch for other reasons. */
  static List<String> jobIds(List<ShardProgress> shards) {
    return shards.stream().map(s -> s.shard().jobId()).filter(Objects::nonNull).toList();
  }
}
