package dev.translation.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LaneTest {

  @ParameterizedTest
  @EnumSource(Lane.class)
  void aRecordsTopicNamesItsLane(Lane lane) {
    assertThat(Lane.ofTopic(lane.topic())).isEqualTo(lane);
  }

  @Test
  void aTopicNoLanePublishesToIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Lane.ofTopic(Lane.BATCH.deadLetterTopic()))
        .withMessageContaining("translate.batch.DLT");
  }

  @ParameterizedTest
  @EnumSource(Lane.class)
  void aDeadLetterCanGoToTheFailedRecordsPartitionNumber(Lane lane) {
    TopicSpec laneTopic = spec(lane.topic());
    TopicSpec deadLetters = spec(lane.deadLetterTopic());

    assertThat(deadLetters.partitions()).isEqualTo(laneTopic.partitions());
  }

  @Test
  void laneNamesFromConfigurationAreCaseInsensitive() {
    assertThat(Lane.fromName(" interactive ")).isEqualTo(Lane.INTERACTIVE);
    assertThat(Lane.fromName("BATCH")).isEqualTo(Lane.BATCH);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Lane.fromName("bulk"))
        .withMessageContaining("[INTERACTIVE, BATCH]");
    assertThatIllegalArgumentException().isThrownBy(() -> Lane.fromName(null));
  }

  @Test
  void aTopicSpecWithoutPartitionsOrNameIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> new TopicSpec("t", 0, false));
    assertThatIllegalArgumentException().isThrownBy(() -> new TopicSpec(" ", 1, false));
  }

  private static TopicSpec spec(String topic) {
    return Topics.ALL.stream().filter(s -> s.name().equals(topic)).findFirst().orElseThrow();
  }
}
