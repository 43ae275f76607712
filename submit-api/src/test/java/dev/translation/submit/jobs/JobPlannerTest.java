package dev.translation.submit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.Lane;
import dev.translation.contracts.Topics;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.submit.config.ApiProperties;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JobPlannerTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final JobPlanner planner =
      new JobPlanner(
          new ApiProperties(
              List.of("de-en"),
              null,
              new ApiProperties.Lanes(100, 32),
              null,
              null,
              null,
              null,
              null),
          JSON);

  private static ValidRequest request(int size, Priority priority) {
    return new ValidRequest(
        IntStream.range(0, size).mapToObj(i -> "Text " + i).toList(), "de", "en", priority, null);
  }

  @Test
  void smallJobsAreInteractiveLargeOrBatchPriorityJobsAreBatch() {
    assertThat(planner.lane(request(100, null))).isEqualTo(Lane.INTERACTIVE);
    assertThat(planner.lane(request(101, null))).isEqualTo(Lane.BATCH);
    assertThat(planner.lane(request(101, Priority.INTERACTIVE))).isEqualTo(Lane.BATCH);
    assertThat(planner.lane(request(1, Priority.BATCH))).isEqualTo(Lane.BATCH);
  }

  @Test
  void segmentsAreSplitIntoMessagesOfAtMostTheConfiguredSizeInOrder() {
    Instant acceptedAt = Instant.parse("2026-11-01T10:15:30.123456Z");

    PlannedJob job = planner.plan("job-1", 7, null, "hash", request(65, null), acceptedAt);

    assertThat(job.messages()).hasSize(3);
    assertThat(job.messages())
        .allSatisfy(m -> assertThat(m.topic()).isEqualTo(Topics.TRANSLATE_INTERACTIVE));
    // One key per message, so a job's messages spread over the lane's partitions and workers.
    assertThat(job.messages())
        .extracting(OutboxMessage::key)
        .containsExactly("job-1/0", "job-1/1", "job-1/2");
    List<TranslationBatchMessage> decoded =
        job.messages().stream()
            .map(m -> JSON.readValue(m.payload(), TranslationBatchMessage.class))
            .toList();
    assertThat(decoded).extracting(m -> m.segments().size()).containsExactly(32, 32, 1);
    assertThat(decoded.get(1).segments().getFirst())
        .isEqualTo(new TranslationBatchMessage.Segment(32, "Text 32"));
    assertThat(decoded.get(2).enqueuedAt()).isEqualTo(acceptedAt);
  }
}
