package dev.translation.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.TopicSpec;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class PipelineTopicsTest {

  @Test
  void aCompactedSpecAsksForTheCompactCleanupPolicy() {
    NewTopic topic = PipelineTopics.newTopic(new TopicSpec("test.latest", 3, true), (short) 1);

    assertThat(topic.configs())
        .containsExactlyEntriesOf(
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }

  @Test
  void anUncompactedSpecLeavesTheCleanupPolicyToTheCluster() {
    NewTopic topic = PipelineTopics.newTopic(new TopicSpec("test.events", 3, false), (short) 1);

    assertThat(topic.configs()).isNullOrEmpty();
  }

  @Test
  void everySpecKeepsItsNameAndPartitionsWithTheClustersReplicationFactor() {
    List<TopicSpec> specs =
        List.of(new TopicSpec("test.b", 12, false), new TopicSpec("test.a", 1, true));

    List<NewTopic> topics = PipelineTopics.newTopics(specs, (short) 3);

    assertThat(topics).extracting(NewTopic::name).containsExactly("test.b", "test.a");
    assertThat(topics).extracting(NewTopic::numPartitions).containsExactly(12, 1);
    assertThat(topics).extracting(NewTopic::replicationFactor).containsOnly((short) 3);
  }
}
