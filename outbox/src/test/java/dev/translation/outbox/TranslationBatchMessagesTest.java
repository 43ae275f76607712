package dev.translation.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.contracts.Lane;
import dev.translation.contracts.Topics;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.contracts.WireFormat;
import dev.translation.outbox.TranslationBatchMessages.SegmentToPublish;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TranslationBatchMessagesTest {

  private static final Instant ENQUEUED_AT = Instant.parse("2026-11-01T10:15:30.123456Z");

  private final TranslationBatchMessages messages = new TranslationBatchMessages(32, 2_000);
  private final String job = UUID.randomUUID().toString();

  @Test
  void messagesNameSegmentsOnlyInOrderOnTheLanesTopicWithOneKeyEach() {
    List<OutboxMessage> published =
        messages.forSegments(job, Lane.INTERACTIVE, segmentsOf(65, 7), 0, ENQUEUED_AT);

    assertThat(published)
        .allSatisfy(m -> assertThat(m.jobId()).isEqualTo(job))
        .allSatisfy(m -> assertThat(m.topic()).isEqualTo(Topics.TRANSLATE_INTERACTIVE));
    // One key per message, so a job's messages spread over the lane's partitions and workers.
    assertThat(published)
        .extracting(OutboxMessage::key)
        .containsExactly(job + "/0", job + "/1", job + "/2");
    List<TranslationBatchMessage> decoded = decode(published);
    assertThat(decoded).extracting(m -> m.segments().size()).containsExactly(32, 32, 1);
    assertThat(decoded.stream().flatMap(m -> m.indexes().stream()))
        .containsExactlyElementsOf(IntStream.range(0, 65).boxed().toList());
    assertThat(decoded)
        .allSatisfy(m -> assertThat(m.jobId()).isEqualTo(job))
        .allSatisfy(m -> assertThat(m.enqueuedAt()).isEqualTo(ENQUEUED_AT));
  }

  @Test
  void aMessageStandsForAtMostTheCharacterBound() {
    List<OutboxMessage> published =
        messages.forSegments(job, Lane.BATCH, segmentsOf(10, 456), 0, ENQUEUED_AT);

    // 4 x 456 = 1,824 characters fit in 2,000; a fifth would not.
    assertThat(decode(published)).extracting(m -> m.segments().size()).containsExactly(4, 4, 2);
    assertThat(published).allSatisfy(m -> assertThat(m.topic()).isEqualTo(Topics.TRANSLATE_BATCH));
  }

  @Test
  void aSegmentLongerThanTheCharacterBoundTravelsAlone() {
    List<SegmentToPublish> segments =
        List.of(
            new SegmentToPublish(0, 10),
            new SegmentToPublish(1, 5_000),
            new SegmentToPublish(2, 10),
            new SegmentToPublish(3, 10));

    List<OutboxMessage> published = messages.forSegments(job, Lane.BATCH, segments, 0, ENQUEUED_AT);

    assertThat(decode(published))
        .extracting(TranslationBatchMessage::indexes)
        .containsExactly(List.of(0), List.of(1), List.of(2, 3));
  }

  @Test
  void messagesAreNumberedFromTheFirstMessageNumber() {
    List<OutboxMessage> published =
        messages.forSegments(job, Lane.BATCH, segmentsOf(40, 7), 5, ENQUEUED_AT);

    assertThat(published).extracting(OutboxMessage::key).containsExactly(job + "/5", job + "/6");
  }

  @Test
  void aJobPublishedInPartsGetsTheMessagesItWouldGetInOne() {
    List<SegmentToPublish> all = segmentsOf(100, 7);

    List<OutboxMessage> inOne = messages.forSegments(job, Lane.BATCH, all, 0, ENQUEUED_AT);
    List<OutboxMessage> inParts = new ArrayList<>();
    inParts.addAll(messages.forSegments(job, Lane.BATCH, all.subList(0, 64), 0, ENQUEUED_AT));
    inParts.addAll(messages.forSegments(job, Lane.BATCH, all.subList(64, 100), 2, ENQUEUED_AT));

    assertThat(inParts).isEqualTo(inOne);
  }

  @Test
  void segmentsKeepTheIndexesAndOrderTheyAreGiven() {
    List<SegmentToPublish> segments =
        List.of(
            new SegmentToPublish(7, 10), new SegmentToPublish(3, 10), new SegmentToPublish(12, 10));

    List<OutboxMessage> published =
        messages.forSegments(job, Lane.INTERACTIVE, segments, 0, ENQUEUED_AT);

    assertThat(decode(published))
        .extracting(TranslationBatchMessage::indexes)
        .containsExactly(List.of(7, 3, 12));
  }

  @Test
  void noSegmentsMeanNoMessages() {
    assertThat(messages.forSegments(job, Lane.INTERACTIVE, List.of(), 3, ENQUEUED_AT)).isEmpty();
  }

  @Test
  void aNegativeFirstMessageNumberIsRefused() {
    assertThatThrownBy(
            () -> messages.forSegments(job, Lane.BATCH, segmentsOf(1, 7), -1, ENQUEUED_AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("firstMessageNumber");
  }

  /** {@code count} segments indexed 0, 1, ... of {@code characters} characters each. */
  private static List<SegmentToPublish> segmentsOf(int count, int characters) {
    return IntStream.range(0, count).mapToObj(i -> new SegmentToPublish(i, characters)).toList();
  }

  private static List<TranslationBatchMessage> decode(List<OutboxMessage> messages) {
    return messages.stream()
        .map(m -> WireFormat.readTranslationBatch(m.payload().getBytes(StandardCharsets.UTF_8)))
        .toList();
  }
}
