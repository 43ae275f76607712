package dev.translation.submit.messaging;

import dev.translation.contracts.JobFinishedEvent;
import dev.translation.contracts.Topics;
import dev.translation.contracts.WireFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Hears every job a worker finishes ({@link Topics#JOB_EVENTS}) and wakes the requests of this
 * replica that wait on it. Each replica reads all events in a consumer group of its own, from the
 * time it started.
 */
@Component
public class JobEventListener {

  private static final Logger log = LoggerFactory.getLogger(JobEventListener.class);

  private final JobCompletions completions;

  public JobEventListener(JobCompletions completions) {
    this.completions = completions;
  }

  @KafkaListener(
      id = "job-events",
      topics = Topics.JOB_EVENTS,
      groupId = "submit-api-${random.uuid}",
      containerFactory = "jobEventListenerContainerFactory")
  public void onJobEvent(String value) {
    JobFinishedEvent event;
    try {
      event = WireFormat.readJobFinished(value);
    } catch (RuntimeException unreadable) {
      // Only a wake-up: an unreadable one just wakes nobody, and waiters still read the database.
      log.debug("ignoring an unreadable job event: {}", unreadable.getMessage());
      return;
    }
    completions.finished(event.jobId());
  }
}
