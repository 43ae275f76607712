package dev.translation.submit.jobs;

import dev.translation.contracts.Lane;
import dev.translation.outbox.TranslationBatchMessages;
import dev.translation.outbox.TranslationBatchMessages.SegmentToPublish;
import dev.translation.segmentation.SentenceSegmenter;
import dev.translation.segmentation.TextPiece;
import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.persistence.PlannedJob;
import dev.translation.submit.persistence.PlannedSegment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Turns a validated request into the rows one submit writes. Work is sized by what it costs, not by
 * how many texts carried it: each text is cut into sentence segments of bounded length, the job
 * goes to the batch lane when it has many segments or characters, and its segments are packed into
 * Kafka messages bounded in both segments and characters ({@link TranslationBatchMessages}). So a
 * large job never waits in front of a person's sentence.
 */
@Component
public class JobPlanner {

  private final ApiProperties.Lanes lanes;
  private final int maxSegmentCharacters;
  private final InteractiveBudget interactiveBudget;
  private final TranslationBatchMessages messages;

  public JobPlanner(ApiProperties properties) {
    this.lanes = properties.lanes();
    this.interactiveBudget = new InteractiveBudget(lanes.interactiveSegmentsPerMinute());
    this.maxSegmentCharacters = properties.segmentation().maxSegmentCharacters();
    this.messages =
        new TranslationBatchMessages(lanes.segmentsPerMessage(), lanes.charactersPerMessage());
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

  /** The segments as messages name and bound them: a segment's index is its position. */
  private static List<SegmentToPublish> toPublish(List<PlannedSegment> segments) {
    List<SegmentToPublish> toPublish = new ArrayList<>(segments.size());
    for (int index = 0; index < segments.size(); index++) {
      toPublish.add(new SegmentToPublish(index, segments.get(index).text().length()));
    }
    return toPublish;
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
    // A document with nothing to translate costs nothing.
    return segments.isEmpty() || interactiveBudget.tryTake(apiKeyId, segments.size())
        ? Lane.INTERACTIVE
        : Lane.BATCH;
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
        messages.forSegments(jobId, lane, toPublish(segments), 0, acceptedAt),
        acceptedAt);
  }
}
