package dev.translation.localstack;

import dev.translation.contracts.TopicSpec;
import dev.translation.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the pipeline's topics ({@link Topics#ALL}) on a Kafka cluster, idempotently: topics that
 * exist are left as they are.
 */
public final class PipelineTopics {

  private PipelineTopics() {}

  /**
   * The topics as Kafka admin requests.
   *
   * @param replicationFactor 1 for a single broker, 3 for the Kubernetes cluster
   */
  public static List<NewTopic> newTopics(short replicationFactor) {
    List<NewTopic> topics = new ArrayList<>();
    for (TopicSpec spec : Topics.ALL) {
      NewTopic topic =
          new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.of(replicationFactor));
      if (spec.compacted()) {
        topic.configs(
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      }
      topics.add(topic);
    }
    return topics;
  }

  /**
   * Creates every missing topic of {@link Topics#ALL}.
   *
   * @param bootstrapServers the cluster
   * @param replicationFactor replicas per partition
   * @throws IllegalStateException when the cluster refuses or cannot be reached
   */
  public static void create(String bootstrapServers, short replicationFactor) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      CreateTopicsResult result = admin.createTopics(newTopics(replicationFactor));
      for (var entry : result.values().entrySet()) {
        try {
          entry.getValue().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "cannot create topic " + entry.getKey() + " on " + bootstrapServers, e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }
}
