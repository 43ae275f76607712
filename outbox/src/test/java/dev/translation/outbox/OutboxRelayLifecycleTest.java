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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When the relay runs on its own thread: periodically once started, at once when woken; and that
 * closing it lets the run in progress finish its batch instead of cutting it off.
 */
class OutboxRelayLifecycleTest {

  private static final long WAIT_SECONDS = 30;

  private final OutboxRepository outbox = mock(OutboxRepository.class);

  @SuppressWarnings("unchecked")
  private final KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);

  private final TransactionTemplate transactions = mock(TransactionTemplate.class);
  private OutboxRelay relay;

  OutboxRelayLifecycleTest() {
    when(transactions.execute(any()))
        .thenAnswer(call -> call.<TransactionCallback<?>>getArgument(0).doInTransaction(null));
  }

  @AfterEach
  void closeRelay() throws InterruptedException {
    relay.close();
  }

  @Test
  void aStartedRelayRunsEveryIntervalWithoutBeingWoken() throws InterruptedException {
    CountDownLatch runs = new CountDownLatch(3);
    when(outbox.claimUnpublished(anyInt(), any()))
        .thenAnswer(
            call -> {
              runs.countDown();
              return List.of();
            });
    relay = relay(Duration.ofMillis(20), Duration.ofSeconds(15));

    relay.start();

    assertThat(runs.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("three periodic runs").isTrue();
  }

  @Test
  void aWakeUpRunsTheRelayAtOnceWithoutAStart() throws InterruptedException {
    CountDownLatch sent = new CountDownLatch(1);
    givenOneUnpublishedRow();
    when(kafka.send(any(ProducerRecord.class)))
        .thenAnswer(
            call -> {
              sent.countDown();
              return acknowledged(call.getArgument(0));
            });
    relay = relay(Duration.ofHours(1), Duration.ofSeconds(15));

    relay.wakeUp();

    assertThat(sent.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the row was sent").isTrue();
  }

  @Test
  void closingLetsTheRunInProgressFinishItsBatch() throws Exception {
    CountDownLatch sending = new CountDownLatch(1);
    CompletableFuture<SendResult<String, String>> acknowledgement = new CompletableFuture<>();
    givenOneUnpublishedRow();
    when(kafka.send(any(ProducerRecord.class)))
        .thenAnswer(
            call -> {
              sending.countDown();
              return acknowledgement;
            });
    relay = relay(Duration.ofHours(1), Duration.ofSeconds(60));
    relay.wakeUp();
    assertThat(sending.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("a run is sending").isTrue();

    Thread closing =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    relay.close();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    closing.join(Duration.ofMillis(300));
    assertThat(closing.isAlive()).as("close waits for Kafka's acknowledgement").isTrue();
    verify(outbox, never()).markPublished(List.of(1L));

    acknowledgement.complete(new SendResult<>(null, null));
    closing.join(Duration.ofSeconds(WAIT_SECONDS));

    assertThat(closing.isAlive()).as("close returned once the batch was done").isFalse();
    verify(outbox).markPublished(List.of(1L));
  }

  private void givenOneUnpublishedRow() {
    PendingMessage row =
        new PendingMessage(
            1, "job-1", Topics.TRANSLATE_INTERACTIVE, "job-1/0", "{}", Clock.systemUTC().instant());
    when(outbox.claimUnpublished(anyInt(), any())).thenReturn(List.of(row)).thenReturn(List.of());
  }

  private static CompletableFuture<SendResult<String, String>> acknowledged(
      ProducerRecord<String, String> record) {
    return CompletableFuture.completedFuture(new SendResult<>(record, null));
  }

  private OutboxRelay relay(Duration interval, Duration sendTimeout) {
    return new OutboxRelay(
        outbox,
        Set.of("translate.interactive"),
        kafka,
        transactions,
        new OutboxRelay.Settings(
            interval,
            200,
            sendTimeout,
            Duration.ofMillis(500),
            Duration.ofSeconds(30),
            Duration.ofDays(7),
            Duration.ofMinutes(10),
            10_000,
            Duration.ofSeconds(5)),
        Clock.systemUTC(),
        new SimpleMeterRegistry());
  }
}
