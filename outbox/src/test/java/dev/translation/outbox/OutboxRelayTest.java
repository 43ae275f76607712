package dev.translation.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.translation.contracts.Topics;
import dev.translation.outbox.OutboxRepository.PendingMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import org.threeten.extra.MutableClock;

/**
 * What the relay does while Kafka refuses its sends: it keeps the rows and pauses, the pause
 * doubling from {@code initialBackoff} up to {@code maxBackoff}, and one batch that Kafka takes
 * brings the pause back to {@code initialBackoff}. Time is a clock the test moves; a run that is
 * paused sends nothing.
 */
class OutboxRelayTest {

  private static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
  private static final Duration JUST_BEFORE = Duration.ofMillis(1);

  private final MutableClock clock =
      MutableClock.of(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private final OutboxRepository outbox = mock(OutboxRepository.class);

  @SuppressWarnings("unchecked")
  private final KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);

  private final TransactionTemplate transactions = mock(TransactionTemplate.class);
  private OutboxRelay relay;
  private boolean kafkaUp;
  private int sends;

  @BeforeEach
  @SuppressWarnings("unchecked") // ProducerRecord.class matches the generic send(ProducerRecord)
  void relayWithOneUnpublishedRow() {
    PendingMessage row =
        new PendingMessage(
            1, "job-1", Topics.TRANSLATE_INTERACTIVE, "job-1/0", "{}", clock.instant());
    when(outbox.claimUnpublished(anyInt(), any())).thenReturn(List.of(row));
    when(transactions.execute(any()))
        .thenAnswer(call -> call.<TransactionCallback<?>>getArgument(0).doInTransaction(null));
    when(kafka.send(any(ProducerRecord.class)))
        .thenAnswer(
            call -> {
              sends++;
              ProducerRecord<String, String> record = call.getArgument(0);
              return kafkaUp
                  ? CompletableFuture.completedFuture(new SendResult<>(record, null))
                  : CompletableFuture.failedFuture(new TimeoutException("no metadata"));
            });
    relay =
        new OutboxRelay(
            outbox,
            Set.of("translate.interactive"),
            kafka,
            transactions,
            settings(),
            clock,
            new SimpleMeterRegistry());
  }

  @AfterEach
  void stopRelay() throws InterruptedException {
    relay.close();
  }

  @Test
  void whileKafkaFailsTheRelayPausesTwiceAsLongEachTimeUpToTheMaximum() {
    kafkaUp = false;

    assertThat(sendsOfARunAfter(Duration.ZERO)).as("first attempt").isEqualTo(1);
    assertPausedFor(Duration.ofMillis(500));
    assertPausedFor(Duration.ofSeconds(1));
    assertPausedFor(Duration.ofSeconds(2));
    assertPausedFor(Duration.ofSeconds(2)); // the maximum, not 4 s
    verify(outbox, never()).markPublished(List.of(1L));
  }

  @Test
  void aBatchKafkaTakesBringsThePauseBackToTheInitialBackoff() {
    kafkaUp = false;
    sendsOfARunAfter(Duration.ZERO);
    assertPausedFor(Duration.ofMillis(500));
    assertPausedFor(Duration.ofSeconds(1)); // and now paused for 2 s

    kafkaUp = true;
    assertThat(sendsOfARunAfter(Duration.ofSeconds(2))).isEqualTo(1);
    verify(outbox).markPublished(List.of(1L));

    kafkaUp = false;
    assertThat(sendsOfARunAfter(Duration.ZERO)).isEqualTo(1);
    assertPausedFor(INITIAL_BACKOFF);
  }

  /**
   * Asserts that after the attempt just made, runs send nothing until {@code pause} has passed, and
   * that the run at that moment tries again.
   */
  private void assertPausedFor(Duration pause) {
    assertThat(sendsOfARunAfter(pause.minus(JUST_BEFORE)))
        .as("a run %s into a pause of %s", pause.minus(JUST_BEFORE), pause)
        .isZero();
    assertThat(sendsOfARunAfter(JUST_BEFORE))
        .as("a run when the pause of %s is over", pause)
        .isEqualTo(1);
  }

  /** Moves the clock on by {@code elapsed}, runs the relay once and says how many sends it made. */
  private int sendsOfARunAfter(Duration elapsed) {
    clock.add(elapsed);
    int before = sends;
    relay.run();
    return sends - before;
  }

  private static OutboxRelay.Settings settings() {
    return new OutboxRelay.Settings(
        Duration.ofSeconds(1),
        200,
        Duration.ofSeconds(15),
        INITIAL_BACKOFF,
        MAX_BACKOFF,
        Duration.ofDays(7),
        Duration.ofMinutes(10),
        10_000,
        Duration.ofSeconds(5));
  }
}
