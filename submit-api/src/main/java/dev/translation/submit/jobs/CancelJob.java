package dev.translation.submit.jobs;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.LogKeys;
import dev.translation.outbox.OutboxRepository;
import dev.translation.submit.persistence.StoredJob;
import dev.translation.submit.persistence.SubmittedJobRepository;
import dev.translation.submit.security.ApiKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancels a caller's job: pending segments become cancelled, unpublished messages are dropped,
 * segments already translated keep their result.
 */
@Service
public class CancelJob {

  private static final Logger log = LoggerFactory.getLogger(CancelJob.class);

  private final SubmittedJobRepository jobs;
  private final OutboxRepository outbox;
  private final TransactionTemplate transactions;
  private final ReadJobs reads;

  public CancelJob(
      SubmittedJobRepository jobs,
      OutboxRepository outbox,
      TransactionTemplate transactions,
      ReadJobs reads) {
    this.jobs = jobs;
    this.outbox = outbox;
    this.transactions = transactions;
    this.reads = reads;
  }

  /**
   * Cancels the caller's job. Cancelling a cancelled job changes nothing.
   *
   * @return the job as it stands afterwards
   * @throws JobAlreadyFinishedException when the job succeeded or failed already
   */
  public TranslationJob cancel(ApiKey caller, String jobId) {
    String id = JobIds.require(jobId);
    try (MDC.MDCCloseable ignored = MDC.putCloseable(LogKeys.JOB_ID, id)) {
      transactions.executeWithoutResult(
          status -> {
            StoredJob job =
                jobs.findOwnedForUpdate(id, caller.id())
                    .orElseThrow(() -> new JobNotFoundException(jobId));
            if (job.status() == JobStatus.CANCELLED) {
              return;
            }
            if (job.status().isTerminal()) {
              throw new JobAlreadyFinishedException(id, job.status());
            }
            int segments = jobs.cancel(id);
            int messages = outbox.deleteUnpublished(id);
            log.info(
                "cancelled job {}: {} pending segments, {} unpublished messages dropped",
                id,
                segments,
                messages);
          });
      return reads.find(caller, id);
    }
  }
}
