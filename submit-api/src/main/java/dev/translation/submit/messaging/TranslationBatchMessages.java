package dev.translation.submit.messaging;

import dev.translation.contracts.Lane;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.contracts.WireFormat;
import dev.translation.submit.persistence.OutboxMessage;
import dev.translation.submit.persistence.PlannedSegment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's Kafka messages, ready for the outbox. Consecutive segments are packed into messages
 * bounded in both segments and characters, so no message on the interactive lane stands for more
 * than a few seconds of model time. The messages name segments only (see {@link
 * TranslationBatchMessage}) and are serialised now, so the outbox holds the exact bytes the relay
 * will send.
 */
public final class TranslationBatchMessages {

  private final int segmentsPerMessage;
  private final int charactersPerMessage;

  /**
   * @param segmentsPerMessage most segments one message names (at least 1)
   * @param charactersPerMessage most characters of source text one message stands for, unless a
   *     single segment is longer
   */
  public TranslationBatchMessages(int segmentsPerMessage, int charactersPerMessage) {
    this.segmentsPerMessage = Math.max(1, segmentsPerMessage);
    this.charactersPerMessage = charactersPerMessage;
  }

  /**
   * The job's messages on its lane's topic, in segment order.
   *
   * @param jobId the job
   * @param lane its lane
   * @param segments its segments; a segment's index is its position here
   * @param enqueuedAt the messages' {@code enqueuedAt}
   */
  public List<OutboxMessage> forJob(
      String jobId, Lane lane, List<PlannedSegment> segments, Instant enqueuedAt) {
    List<OutboxMessage> messages = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    int characters = 0;
    for (int index = 0; index < segments.size(); index++) {
      int length = segments.get(index).text().length();
      if (!indexes.isEmpty()
          && (indexes.size() == segmentsPerMessage || characters + length > charactersPerMessage)) {
        messages.add(message(jobId, lane, indexes, messages.size(), enqueuedAt));
        indexes.clear();
        characters = 0;
      }
      indexes.add(index);
      characters += length;
    }
    if (!indexes.isEmpty()) {
      messages.add(message(jobId, lane, indexes, messages.size(), enqueuedAt));
    }
    return messages;
  }

  private static OutboxMessage message(
      String jobId, Lane lane, List<Integer> indexes, int number, Instant enqueuedAt) {
    TranslationBatchMessage message = TranslationBatchMessage.of(jobId, indexes, enqueuedAt);
    // Keyed per message, not per job: a large job's messages are dealt out over all partitions,
    // so every worker of the lane shares it instead of one worker taking it all.
    String key = JobSpreadingPartitioner.key(jobId, number);
    return new OutboxMessage(jobId, lane.topic(), key, WireFormat.write(message));
  }
}
