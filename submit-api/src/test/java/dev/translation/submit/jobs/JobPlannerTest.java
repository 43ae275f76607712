package dev.translation.submit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.Lane;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.contracts.WireFormat;
import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.persistence.PlannedJob;
import dev.translation.submit.persistence.PlannedSegment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JobPlannerTest {

  private final JobPlanner planner =
      new JobPlanner(
          new ApiProperties(
              List.of("de-en"),
              null,
              new ApiProperties.Lanes(100, 5_000, 32, 2_000, 150),
              new ApiProperties.Segmentation(500),
              null,
              null,
              null,
              null,
              null,
              null,
              null));

  private static ValidRequest request(List<String> texts, Priority priority) {
    return new ValidRequest(texts, "de", "en", priority, null);
  }

  private static ValidRequest request(int size, Priority priority) {
    return request(IntStream.range(0, size).mapToObj(i -> "Text " + i + ".").toList(), priority);
  }

  private Lane lane(ValidRequest request) {
    return planner.lane(nextKey++, request.priority(), planner.segments(request));
  }

  private long nextKey = 1;

  @Test
  void smallJobsAreInteractiveLargeOrBatchPriorityJobsAreBatch() {
    assertThat(lane(request(100, null))).isEqualTo(Lane.INTERACTIVE);
    assertThat(lane(request(101, null))).isEqualTo(Lane.BATCH);
    assertThat(lane(request(101, Priority.INTERACTIVE))).isEqualTo(Lane.BATCH);
    assertThat(lane(request(1, Priority.BATCH))).isEqualTo(Lane.BATCH);
  }

  @Test
  void aKeyBeyondItsInteractiveBudgetGoesToTheBatchLaneAndOtherKeysDoNot() {
    List<PlannedSegment> sixty = planner.segments(request(60, null));

    assertThat(planner.lane(42, null, sixty)).isEqualTo(Lane.INTERACTIVE);
    assertThat(planner.lane(42, null, sixty)).isEqualTo(Lane.INTERACTIVE);
    assertThat(planner.lane(42, null, sixty)).as("180 of 150 a minute").isEqualTo(Lane.BATCH);
    assertThat(planner.lane(43, null, sixty)).isEqualTo(Lane.INTERACTIVE);
  }

  @Test
  void oneLongTextIsRoutedByItsSizeNotByItsCount() {
    String longText = "Das ist ein Satz mit einigen Wörtern darin. ".repeat(225);

    PlannedJob job = planner.plan(id(), 7, null, "hash", request(List.of(longText), null), now());

    assertThat(job.totalTexts()).isEqualTo(1);
    assertThat(job.segments()).hasSize(225);
    assertThat(job.lane()).isEqualTo(Lane.BATCH);
    assertThat(lane(request(List.of("Wort ".repeat(1_100)), null)))
        .as("one sentence of 5,500 characters")
        .isEqualTo(Lane.BATCH);
  }

  @Test
  void textsAreCutIntoSentenceSegmentsThatRememberTheirTextAndLine() {
    List<String> texts = List.of("Guten Morgen. Wie geht es dir?\nGut.", "", "Danke.");

    List<PlannedSegment> segments = planner.segments(request(texts, null));

    assertThat(segments)
        .containsExactly(
            new PlannedSegment(0, 0, "Guten Morgen."),
            new PlannedSegment(0, 0, "Wie geht es dir?"),
            new PlannedSegment(0, 1, "Gut."),
            new PlannedSegment(1, 0, ""),
            new PlannedSegment(2, 0, "Danke."));
  }

  @Test
  void aPlannedJobsMessagesNameAllItsSegmentsOnItsLanesTopicWithTheConfiguredBounds() {
    Instant acceptedAt = Instant.parse("2026-11-01T10:15:30.123456Z");
    String job = id();

    PlannedJob planned = planner.plan(job, 7, null, "hash", request(65, null), acceptedAt);

    assertThat(planned.messages())
        .allSatisfy(m -> assertThat(m.topic()).isEqualTo(planned.lane().topic()))
        .allSatisfy(m -> assertThat(m.payload()).doesNotContain("Text"));
    List<TranslationBatchMessage> decoded = decode(planned);
    assertThat(decoded.stream().flatMap(m -> m.indexes().stream()))
        .as("every segment, by its position in the job")
        .containsExactlyElementsOf(IntStream.range(0, 65).boxed().toList());
    assertThat(decoded)
        .as("32 segments a message")
        .extracting(m -> m.segments().size())
        .containsExactly(32, 32, 1);
    assertThat(decoded).allSatisfy(m -> assertThat(m.enqueuedAt()).isEqualTo(acceptedAt));

    List<String> longSentences =
        IntStream.range(0, 10).mapToObj(i -> "Satz " + i + " " + "lang ".repeat(90)).toList();
    PlannedJob bounded = planner.plan(id(), 7, null, "h", request(longSentences, null), acceptedAt);
    assertThat(decode(bounded))
        .as("2,000 characters a message")
        .extracting(m -> m.segments().size())
        .containsExactly(4, 4, 2);
  }

  private static List<TranslationBatchMessage> decode(PlannedJob job) {
    return job.messages().stream()
        .map(m -> WireFormat.readTranslationBatch(m.payload().getBytes(StandardCharsets.UTF_8)))
        .toList();
  }

  private static String id() {
    return java.util.UUID.randomUUID().toString();
  }

  private static Instant now() {
    return Instant.now();
  }

  @Test
  void aJobWithoutSegmentsIsInteractiveAndTakesNoBudget() {
    assertThat(planner.lane(7, null, List.of())).isEqualTo(Lane.INTERACTIVE);
  }
}
