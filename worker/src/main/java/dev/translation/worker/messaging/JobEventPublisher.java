package dev.translation.worker.messaging;

import dev.translation.contracts.JobFinishedEvent;
import dev.translation.contracts.JobStatus;
import dev.translation.contracts.Topics;
import dev.translation.contracts.WireFormat;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Announces jobs that this worker finished on {@link Topics#JOB_EVENTS}, after their results are
 * committed, so a client waiting on the API hears of it at once. Sent without waiting for the
 * broker: the database holds the result either way, and an API that misses an event finds the
 * status on its next (slow) look at the database.
 */
public class JobEventPublisher {

  private static final Logger log = LoggerFactory.getLogger(JobEventPublisher.class);

  private final KafkaTemplate<String, String> kafka;
  private final Clock clock;

  public JobEventPublisher(KafkaTemplate<String, String> kafka, Clock clock) {
    this.kafka = kafka;
    this.clock = clock;
  }

  /** Publishes one event per finished job. */
  public void finished(Map<String, JobStatus> jobs) {
    jobs.forEach(
        (jobId, status) -> {
          String event = WireFormat.write(JobFinishedEvent.of(jobId, status, clock.instant()));
          kafka
              .send(Topics.JOB_EVENTS, jobId, event)
              .whenComplete(
                  (sent, failure) -> {
                    if (failure != null) {
                      log.warn(
                          "Could not announce that job {} finished: {}", jobId, failure.toString());
                    }
                  });
        });
  }
}
