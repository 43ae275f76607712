package dev.translation.outbox;

import dev.translation.contracts.Lane;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.contracts.WireFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's Kafka messages, ready for the outbox. Consecutive segments are packed into messages
 * bounded in both segments and characters, so no message on the interactive lane stands for more
 * than a few seconds of model time. The messages name segments only (see {@link
 * TranslationBatchMessage}) and are serialised now, so the outbox holds the exact bytes the relay
 * will send.
 *
 * <p>Every app that publishes translation work packs it here, so a message stands for the same
 * amount of work whoever wrote it, and its key is one {@link JobSpreadingPartitioner} spreads.
 */
public final class TranslationBatchMessages {

  private final int segmentsPerMessage;
  private final int charactersPerMessage;

  /**
   * One segment to publish: its index in the job and its source length in characters.
   *
   * @param index the segment's index in its job (not negative)
   * @param characters its source text's length in {@code char}s (not negative), what the character
   *     bound counts
   */
  public record SegmentToPublish(int index, int characters) {

    /**
     * @throws IllegalArgumentException when the index or length is negative
     */
    public SegmentToPublish {
      if (index < 0) {
        throw new IllegalArgumentException("index must not be negative, was " + index);
      }
      if (characters < 0) {
        throw new IllegalArgumentException("characters must not be negative, was " + characters);
      }
    }
  }

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
   * Messages for these segments (in the given order), numbering messages from {@code
   * firstMessageNumber}. A caller that publishes one job in several parts continues the numbering
   * where the previous part stopped, so every message of the job has a key of its own and the job
   * stays spread over the lane's partitions.
   *
   * @param jobId the job, a canonical UUID (see {@link TranslationBatchMessage})
   * @param lane its lane, whose topic the messages go to
   * @param segments the segments, packed in this order; none means no messages
   * @param firstMessageNumber the number of the first message (not negative)
   * @param enqueuedAt the messages' {@code enqueuedAt}, from which queue latency counts
   * @return the messages, numbered {@code firstMessageNumber}, {@code firstMessageNumber + 1}, ...
   * @throws IllegalArgumentException when {@code firstMessageNumber} is negative
   */
  public List<OutboxMessage> forSegments(
      String jobId,
      Lane lane,
      List<SegmentToPublish> segments,
      int firstMessageNumber,
      Instant enqueuedAt) {
    if (firstMessageNumber < 0) {
      throw new IllegalArgumentException(
          "firstMessageNumber must not be negative, was " + firstMessageNumber);
    }
    List<OutboxMessage> messages = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    int characters = 0;
    for (SegmentToPublish segment : segments) {
      int length = segment.characters();
      if (!indexes.isEmpty()
          && (indexes.size() == segmentsPerMessage || characters + length > charactersPerMessage)) {
        messages.add(
            message(jobId, lane, indexes, firstMessageNumber + messages.size(), enqueuedAt));
        indexes.clear();
        characters = 0;
      }
      indexes.add(segment.index());
      characters += length;
    }
    if (!indexes.isEmpty()) {
      messages.add(message(jobId, lane, indexes, firstMessageNumber + messages.size(), enqueuedAt));
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
