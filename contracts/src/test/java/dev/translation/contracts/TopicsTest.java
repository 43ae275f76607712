package dev.translation.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void eachLanePublishesToItsOwnTopicAndDeadLettersBesideIt() {
    assertThat(Lane.INTERACTIVE.topic()).isEqualTo("translate.interactive");
    assertThat(Lane.BATCH.topic()).isEqualTo("translate.batch");
    assertThat(Lane.INTERACTIVE.deadLetterTopic()).isEqualTo("translate.interactive.DLT");
    assertThat(Lane.BATCH.deadLetterTopic()).isEqualTo(Topics.TRANSLATE_BATCH_DEAD_LETTER);
    assertThat(Lane.ofTopic("translate.batch")).isEqualTo(Lane.BATCH);
  }

  @Test
  void laneNamesFromConfigurationAreCaseInsensitive() {
    assertThat(Lane.fromName(" interactive ")).isEqualTo(Lane.INTERACTIVE);
    assertThat(Lane.fromName("BATCH")).isEqualTo(Lane.BATCH);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Lane.fromName("bulk"))
        .withMessageContaining("[INTERACTIVE, BATCH]");
  }

  @Test
  void laneAndDeadLetterTopicsHaveTwelvePartitionsSoTwelveWorkersCanConsume() {
    for (Lane lane : Lane.values()) {
      assertThat(Topics.ALL)
          .filteredOn(spec -> spec.name().startsWith(lane.topic()))
          .hasSize(2)
          .allSatisfy(spec -> assertThat(spec.partitions()).isEqualTo(12))
          .noneMatch(TopicSpec::compacted);
    }
  }

  @Test
  void modelEventsAreCompactedSoANewWorkerSeesTheLatestStateOfEveryModel() {
    assertThat(Topics.ALL)
        .filteredOn(spec -> spec.name().equals(Topics.MODEL_EVENTS))
        .singleElement()
        .satisfies(spec -> assertThat(spec.compacted()).isTrue());
  }

  @Test
  void topicSpecRejectsNoPartitions() {
    assertThatIllegalArgumentException().isThrownBy(() -> new TopicSpec("t", 0, false));
  }
}
