package dev.translation.submit.jobs;

import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.persistence.JobDocumentRepository;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes jobs, with their segments and files, once they are older than the retention period. Every
 * API replica runs it; the deletes are idempotent, and a bounded batch per statement keeps locks
 * short.
 */
@Component
public class PurgeExpiredJobs {

  private static final Logger log = LoggerFactory.getLogger(PurgeExpiredJobs.class);
  private static final int BATCH = 500;

  private final JobDocumentRepository documents;
  private final Duration retention;
  private final Clock clock;

  public PurgeExpiredJobs(JobDocumentRepository documents, ApiProperties properties, Clock clock) {
    this.documents = documents;
    this.retention = properties.documents().retention();
    this.clock = clock;
  }

  /** Deletes every expired job, a batch at a time. */
  @Scheduled(
      fixedDelayString = "${translation.api.documents.purge-interval}",
      initialDelayString = "${translation.api.documents.purge-interval}")
  public int purge() {
    int purged = 0;
    for (int deleted = BATCH; deleted == BATCH; purged += deleted) {
      deleted = documents.purgeJobsCreatedBefore(clock.instant().minus(retention), BATCH);
    }
    if (purged > 0) {
      log.info("deleted {} jobs older than {}", purged, retention);
    }
    return purged;
  }
}
