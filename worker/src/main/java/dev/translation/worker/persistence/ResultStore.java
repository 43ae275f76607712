package dev.translation.worker.persistence;

import dev.translation.contracts.JobStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a micro-batch's results in one transaction: segment rows, translation memory, and the
 * recounted counters and status of every job involved. Offsets are committed only after this
 * returns, so a crash before the commit redelivers work that the conditional writes then skip.
 */
@Component
public class ResultStore {

  private static final Logger log = LoggerFactory.getLogger(ResultStore.class);

  private final TransactionTemplate transactions;
  private final JobProgressRepository jobs;
  private final SegmentRepository segments;
  private final TranslationMemoryRepository memory;

  public ResultStore(
      PlatformTransactionManager transactionManager,
      JobProgressRepository jobs,
      SegmentRepository segments,
      TranslationMemoryRepository memory) {
    this.transactions = new TransactionTemplate(transactionManager);
    // READ COMMITTED: the recount after locking a job must see segment writes other transactions
    // committed after this one began (REPEATABLE READ would count from a stale snapshot).
    this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    this.jobs = jobs;
    this.segments = segments;
    this.memory = memory;
  }

  /**
   * What a write changed.
   *
   * @param done segments that became DONE
   * @param failed segments that became FAILED
   * @param finished jobs that reached a final status with this write
   */
  public record Written(int done, int failed, Map<String, JobStatus> finished) {}

  /**
   * Stores results and memory entries, then recomputes each job touched.
   *
   * @param results translated and failed segments
   * @param newEntries memory entries produced by the model in this batch
   * @param hits existing memory entries that served segments in this batch
   */
  public Written save(
      List<SegmentOutcome> results, List<MemoryEntry> newEntries, List<MemoryEntry> hits) {
    return transactions.execute(
        status -> {
          Map<String, JobStatus> locked =
              lockJobs(results.stream().map(SegmentOutcome::jobId).toList());
          List<SegmentOutcome.Done> done = new ArrayList<>();
          List<SegmentOutcome.Failed> failed = new ArrayList<>();
          for (SegmentOutcome result : results) {
            if (!locked.containsKey(result.jobId())) {
              continue;
            }
            switch (result) {
              case SegmentOutcome.Done d -> done.add(d);
              case SegmentOutcome.Failed f -> failed.add(f);
            }
          }
          int doneRows = segments.markDone(done);
          int failedRows = segments.markFailed(failed);
          memory.insert(newEntries);
          memory.countHits(hits);
          return new Written(doneRows, failedRows, recompute(locked));
        });
  }

  /**
   * Marks the still-PENDING segments among {@code indexes} FAILED with {@code error} and recomputes
   * the job: what the dead-letter listener does with a message that could not be processed.
   *
   * @return what changed (nothing when all were already finished, or the job is gone)
   */
  public Written failPending(String jobId, Collection<Integer> indexes, String error) {
    return transactions.execute(
        status -> {
          Optional<JobStatus> current = jobs.lock(jobId);
          if (current.isEmpty()) {
            log.warn("Job {} no longer exists; nothing to mark failed", jobId);
            return new Written(0, 0, Map.of());
          }
          List<SegmentOutcome.Failed> failed =
              new TreeSet<>(indexes)
                  .stream().map(index -> new SegmentOutcome.Failed(jobId, index, error)).toList();
          int rows = segments.markFailed(failed);
          return new Written(0, rows, recompute(Map.of(jobId, current.get())));
        });
  }

  /** Recomputes each locked job; returns those that reached a final status now. */
  private Map<String, JobStatus> recompute(Map<String, JobStatus> locked) {
    Map<String, JobStatus> finished = new TreeMap<>();
    locked.forEach(
        (jobId, before) -> {
          JobStatus after = jobs.recompute(jobId, before);
          if (after.isTerminal() && !before.isTerminal()) {
            finished.put(jobId, after);
          }
        });
    return finished;
  }

  /** Locks jobs in id order (so two writers never wait on each other in a cycle). */
  private Map<String, JobStatus> lockJobs(Collection<String> jobIds) {
    Map<String, JobStatus> locked = new TreeMap<>();
    for (String jobId : new TreeSet<>(jobIds)) {
      Optional<JobStatus> current = jobs.lock(jobId);
      if (current.isPresent()) {
        locked.put(jobId, current.get());
      } else {
        log.warn("Job {} no longer exists; dropping its results", jobId);
      }
    }
    return locked;
  }
}
