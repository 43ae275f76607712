package dev.translation.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.Lane;
import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.SegmentStatus;
import dev.translation.contracts.Topics;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.worker.config.WorkerProperties;
import dev.translation.worker.inference.DynamicBatcher;
import dev.translation.worker.inference.FakeModel;
import dev.translation.worker.inference.ServedModel;
import dev.translation.worker.inference.ServingModels;
import dev.translation.worker.inference.TranslateSegments;
import dev.translation.worker.inference.TranslationMemory;
import dev.translation.worker.inference.TranslationMetrics;
import dev.translation.worker.persistence.InMemoryTables;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.util.unit.DataSize;

class TranslationBatchListenerTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final List<String> JOBS =
      List.of(
          "00000000-0000-4000-8000-00000000000a",
          "00000000-0000-4000-8000-00000000000b",
          "00000000-0000-4000-8000-00000000000c");

  /** Two segments per model call, so each record of two segments is a micro-batch of its own. */
  private static final int MAX_SEGMENTS = 2;

  private final InMemoryTables tables = new InMemoryTables();
  private final FakeModel model = new FakeModel();
  private final DynamicBatcher batcher = new DynamicBatcher(model, 1, MAX_SEGMENTS, Duration.ZERO);

  /** The producers job events went through (the template closes each after its send). */
  private final List<MockProducer<String, String>> eventProducers = new CopyOnWriteArrayList<>();

  private final TranslationBatchListener listener =
      new TranslationBatchListener(
          new TranslateSegments(
              tables.segmentRepository(),
              new TranslationMemory(tables.memoryRepository()),
              new ServingModels(
                  LanguagePair.GERMAN_TO_ENGLISH,
                  ServingModels.Rollout.of(new ServedModel(FakeModel.MANIFEST, batcher, () -> {}))),
              tables.resultStore(),
              new TranslationMetrics(new SimpleMeterRegistry(), Lane.INTERACTIVE),
              Clock.fixed(NOW, ZoneOffset.UTC)),
          properties(),
          new JobEventPublisher(
              new KafkaTemplate<>(new MockProducerFactory<>(this::eventProducer)),
              Clock.fixed(NOW, ZoneOffset.UTC)));
  private final RecordingAcknowledgment acknowledgment = new RecordingAcknowledgment();

  @AfterEach
  void closeBatcher() {
    batcher.close();
  }

  @Test
  void whenStoppingItFinishesTheMicroBatchInProgressAndHandsTheRestOfThePollBack() {
    // Given a poll of three jobs' records, one micro-batch each, and a shutdown that begins while
    // the first micro-batch is with the model
    List<ConsumerRecord<String, TranslationBatchMessage>> poll = pollOfThreeJobs();
    model.onCall(listener::onShutdown);

    // When the listener handles the poll
    listener.onBatch(poll, acknowledgment);

    // Then the first job is stored and announced, and the other two records are handed back
    // uncommitted, to be redelivered at once to whoever owns the partition next
    assertThat(model.calls()).hasSize(1);
    assertThat(segmentStatuses(JOBS.get(0))).containsOnly(SegmentStatus.DONE);
    assertThat(segmentStatuses(JOBS.get(1))).containsOnly(SegmentStatus.PENDING);
    assertThat(segmentStatuses(JOBS.get(2))).containsOnly(SegmentStatus.PENDING);
    assertThat(announcedJobs()).containsExactly(JOBS.get(0));
    assertThat(acknowledgment.nackedFrom).isEqualTo(1);
    assertThat(acknowledgment.nackSleep).isEqualTo(Duration.ZERO);
    assertThat(acknowledgment.acknowledged).isFalse();
  }

  @Test
  void whileRunningItStoresTheWholePollAndAcknowledgesIt() {
    // Given the same poll and no shutdown
    List<ConsumerRecord<String, TranslationBatchMessage>> poll = pollOfThreeJobs();

    // When the listener handles it
    listener.onBatch(poll, acknowledgment);

    // Then every record is stored, one model call per micro-batch, and the poll is committed
    assertThat(model.calls()).hasSize(3);
    for (String job : JOBS) {
      assertThat(segmentStatuses(job)).containsOnly(SegmentStatus.DONE);
    }
    assertThat(announcedJobs()).containsExactlyElementsOf(JOBS);
    assertThat(acknowledgment.acknowledged).isTrue();
    assertThat(acknowledgment.nackedFrom).isNull();
  }

  @Test
  void whenStoppingAPollThatIsOneMicroBatchIsStoredAndCommittedWhole() {
    // Given a shutdown under way and a poll that fits in one model call
    listener.onShutdown();
    List<ConsumerRecord<String, TranslationBatchMessage>> poll = pollOfThreeJobs().subList(0, 1);

    // When the listener handles it
    listener.onBatch(poll, acknowledgment);

    // Then there is nothing to hand back: the micro-batch is stored and the poll committed
    assertThat(segmentStatuses(JOBS.get(0))).containsOnly(SegmentStatus.DONE);
    assertThat(acknowledgment.acknowledged).isTrue();
    assertThat(acknowledgment.nackedFrom).isNull();
  }

  /** Three consecutive records of one partition, each naming both segments of its own job. */
  private List<ConsumerRecord<String, TranslationBatchMessage>> pollOfThreeJobs() {
    List<ConsumerRecord<String, TranslationBatchMessage>> poll = new ArrayList<>();
    for (int i = 0; i < JOBS.size(); i++) {
      String job = JOBS.get(i);
      tables.addJob(
          job, LanguagePair.GERMAN_TO_ENGLISH, List.of("Satz " + i + "a.", "Satz " + i + "b."));
      poll.add(
          new ConsumerRecord<>(
              Topics.TRANSLATE_INTERACTIVE,
              0,
              100 + i,
              job,
              TranslationBatchMessage.of(job, List.of(0, 1), NOW)));
    }
    return poll;
  }

  private MockProducer<String, String> eventProducer() {
    MockProducer<String, String> producer =
        new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    eventProducers.add(producer);
    return producer;
  }

  /** The jobs announced as finished on the job-events topic. */
  private List<String> announcedJobs() {
    return eventProducers.stream()
        .flatMap(producer -> producer.history().stream())
        .filter(event -> event.topic().equals(Topics.JOB_EVENTS))
        .map(ProducerRecord::key)
        .toList();
  }

  private List<SegmentStatus> segmentStatuses(String jobId) {
    return List.of(tables.status(jobId, 0), tables.status(jobId, 1));
  }

  private static WorkerProperties properties() {
    return new WorkerProperties(
        Lane.INTERACTIVE,
        Path.of("models/unused"),
        new WorkerProperties.Models(
            Path.of("unused"),
            Duration.ofSeconds(30),
            Duration.ofMinutes(1),
            DataSize.ofGigabytes(1)),
        1,
        new WorkerProperties.EngineLimits(20_000, 64, 8_192),
        new WorkerProperties.ConsumerSettings(
            1, Duration.ofSeconds(45), DataSize.ofKilobytes(64), Duration.ofMillis(200)),
        new WorkerProperties.Batching(MAX_SEGMENTS, 1, Duration.ZERO),
        new WorkerProperties.Decoding(null, 2.0),
        new WorkerProperties.Retry(0, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)),
        new WorkerProperties.DeadLetters("unused-in-this-test-0123456789abcdef"),
        new WorkerProperties.TopicCreation(false, (short) 1),
        false);
  }

  /** What the listener told the container to commit. */
  private static final class RecordingAcknowledgment implements Acknowledgment {
    boolean acknowledged;
    Integer nackedFrom;
    Duration nackSleep;

    @Override
    public void acknowledge() {
      acknowledged = true;
    }

    @Override
    public void nack(int index, Duration sleep) {
      nackedFrom = index;
      nackSleep = sleep;
    }
  }
}
