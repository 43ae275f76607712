package dev.translation.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.Topics;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class PipelineTopicsTest {

  @Test
  void requestsEveryContractTopicWithItsShape() {
    List<NewTopic> topics = PipelineTopics.newTopics((short) 3);

    assertThat(topics)
        .extracting(NewTopic::name)
        .containsExactlyElementsOf(Topics.ALL.stream().map(spec -> spec.name()).toList());
    assertThat(topics)
        .allSatisfy(topic -> assertThat(topic.replicationFactor()).isEqualTo((short) 3));
    assertThat(topics)
        .filteredOn(topic -> topic.name().equals(Topics.TRANSLATE_INTERACTIVE))
        .singleElement()
        .satisfies(topic -> assertThat(topic.numPartitions()).isEqualTo(12));
    assertThat(topics)
        .filteredOn(topic -> topic.name().equals(Topics.MODEL_EVENTS))
        .singleElement()
        .satisfies(topic -> assertThat(topic.configs()).containsEntry("cleanup.policy", "compact"));
  }
}
