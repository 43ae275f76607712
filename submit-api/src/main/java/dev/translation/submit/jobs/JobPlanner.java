package dev.translation.submit.jobs;

import dev.translation.contracts.Lane;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.contracts.WireFormat;
import dev.translation.documents.segmentation.SentenceSegmenter;
import dev.translation.documents.segmentation.TextPiece;
import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.messaging.JobSpreadingPartitioner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Turns a validated request into the rows one submit writes. Work is sized by what it costs, not by
 * how many texts carried it: each text is cut into sentence segments of bounded length, the job
 * goes to the batch lane when it has many segments or characters, and its segments are packed into
 * Kafka messages bounded in both segments and characters. So no message on the interactive lane
 * stands for more than a few seconds of model time, and a large job never waits in front of a
 * person's sentence. The messages name segments only (see {@link TranslationBatchMessage}) and are
 * serialised now, so the outbox holds the exact bytes the relay will send.
 */
@Component
public class JobPlanner {

  private final ApiProperties.Lanes lanes;
  private final int maxSegmentCharacters;
  private final InteractiveBudget interactiveBudget;

  public JobPlanner(ApiProperties properties) {
    this.lanes = properties.lanes();
    this.interactiveBudget = new InteractiveBudget(lanes.interactiveSegmentsPerMinute());
    this.maxSegmentCharacters = properties.segmentation().maxSegmentCharacters();
  }

  /** The request's texts cut into segments, in order. */
  public List<PlannedSegment> segments(ValidRequest request) {
    SentenceSegmenter segmenter =
        new SentenceSegmenter(maxSegmentCharacters, Locale.forLanguageTag(request.source()));
    List<PlannedSegment> segments = new ArrayList<>();
    List<String> texts = request.texts();
    for (int textIndex = 0; textIndex < texts.size(); textIndex++) {
      for (TextPiece piece : segmenter.split(texts.get(textIndex))) {
        segments.add(new PlannedSegment(textIndex, piece.lineBreaks(), piece.text()));
      }
    }
    return segments;
  }

  /**
   * The lane: batch when asked for, when the job is larger than either batch threshold (a big job
   * never goes to the interactive lane, whatever it asked for), or when the key has used up its
   * interactive budget for the minute; else interactive.
   */
  public Lane lane(long apiKeyId, Priority priority, List<PlannedSegment> segments) {
    if (priority == Priority.BATCH || segments.size() > lanes.batchThresholdSegments()) {
      return Lane.BATCH;
    }
    long characters = 0;
    for (PlannedSegment segment : segments) {
      characters += segment.text().length();
    }
    if (characters > lanes.batchThresholdCharacters()) {
      return Lane.BATCH;
    }
    return interactiveBudget.tryTake(apiKeyId, segments.size()) ? Lane.INTERACTIVE : Lane.BATCH;
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
    List<PlannedSegment> segments = segments(request);
    Lane lane = lane(apiKeyId, request.priority(), segments);
    return new PlannedJob(
        jobId,
        apiKeyId,
        idempotencyKey,
        requestHash,
        lane,
        request.source(),
        request.target(),
        request.modelHint(),
        request.texts().size(),
        segments,
        messages(jobId, lane, segments, acceptedAt),
        acceptedAt);
  }

  /**
   * The job's messages: consecutive segments, each message holding at most {@code
   * segments-per-message} segments and, unless a single segment is longer, at most {@code
   * characters-per-message} characters.
   */
  List<OutboxMessage> messages(
      String jobId, Lane lane, List<PlannedSegment> segments, Instant acceptedAt) {
    int perMessage = Math.max(1, lanes.segmentsPerMessage());
    List<OutboxMessage> messages = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    int characters = 0;
    for (int index = 0; index < segments.size(); index++) {
      int length = segments.get(index).text().length();
      if (!indexes.isEmpty()
          && (indexes.size() == perMessage || characters + length > lanes.charactersPerMessage())) {
        messages.add(message(jobId, lane, indexes, messages.size(), acceptedAt));
        indexes.clear();
        characters = 0;
      }
      indexes.add(index);
      characters += length;
    }
    messages.add(message(jobId, lane, indexes, messages.size(), acceptedAt));
    return messages;
  }

  private OutboxMessage message(
      String jobId, Lane lane, List<Integer> indexes, int number, Instant acceptedAt) {
    TranslationBatchMessage message = TranslationBatchMessage.of(jobId, indexes, acceptedAt);
    // Keyed per message, not per job: a large job's messages are dealt out over all partitions,
    // so every worker of the lane shares it instead of one worker taking it all.
    String key = JobSpreadingPartitioner.key(jobId, number);
    return new OutboxMessage(jobId, lane.topic(), key, WireFormat.write(message));
  }
}
