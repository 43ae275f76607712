package dev.translation.submit.jobs;

import dev.translation.contracts.Lane;
import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.messaging.JobSpreadingPartitioner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a validated request into the rows one submit writes: the lane, and the Kafka messages of at
 * most {@code segments-per-message} segments each, serialised now so the outbox holds the exact
 * bytes the relay will send.
 */
@Component
public class JobPlanner {

  private final ApiProperties.Lanes lanes;
  private final JsonMapper json;

  public JobPlanner(ApiProperties properties, JsonMapper json) {
    this.lanes = properties.lanes();
    this.json = json;
  }

  /**
   * The lane: batch when asked for or when the job is larger than the batch threshold (a big job
   * never goes to the interactive lane, whatever it asked for), else interactive.
   */
  public Lane lane(ValidRequest request) {
    if (request.priority() == Priority.BATCH || request.texts().size() > lanes.batchThreshold()) {
      return Lane.BATCH;
    }
    return Lane.INTERACTIVE;
  }

  /**
   * Plans the rows of a new job.
   *
   * @param jobId the new job's id
   * @param apiKeyId the owner
   * @param idempotencyKey the client's key, or null
   * @param requestHash hash of the canonical request
   * @param request the validated request
   * @param acceptedAt the messages' {@code enqueuedAt}: queue latency then counts from acceptance,
   *     the time the client started waiting, including any time spent in the outbox
   */
  public PlannedJob plan(
      String jobId,
      long apiKeyId,
      String idempotencyKey,
      String requestHash,
      ValidRequest request,
      Instant acceptedAt) {
    Lane lane = lane(request);
    return new PlannedJob(
        jobId,
        apiKeyId,
        idempotencyKey,
        requestHash,
        lane,
        request.source(),
        request.target(),
        request.modelHint(),
        request.texts(),
        messages(jobId, lane, request, acceptedAt));
  }

  List<OutboxMessage> messages(String jobId, Lane lane, ValidRequest request, Instant acceptedAt) {
    LanguagePair pair = new LanguagePair(request.source(), request.target());
    List<String> texts = request.texts();
    int perMessage = Math.max(1, lanes.segmentsPerMessage());
    List<OutboxMessage> messages = new ArrayList<>((texts.size() + perMessage - 1) / perMessage);
    for (int from = 0; from < texts.size(); from += perMessage) {
      int to = Math.min(texts.size(), from + perMessage);
      List<TranslationBatchMessage.Segment> segments = new ArrayList<>(to - from);
      for (int index = from; index < to; index++) {
        segments.add(new TranslationBatchMessage.Segment(index, texts.get(index)));
      }
      TranslationBatchMessage message =
          TranslationBatchMessage.of(jobId, pair, request.modelHint(), segments, acceptedAt);
      // Keyed per message, not per job: a large job's messages are dealt out over all partitions,
      // so every worker of the lane shares it instead of one worker taking it all.
      String key = JobSpreadingPartitioner.key(jobId, messages.size());
      messages.add(new OutboxMessage(jobId, lane.topic(), key, json.writeValueAsString(message)));
    }
    return messages;
  }
}
