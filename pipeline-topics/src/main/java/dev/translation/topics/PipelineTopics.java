package dev.translation.topics;

import dev.translation.contracts.TopicSpec;
import dev.translation.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Topics as Kafka admin requests, and their creation on a cluster. The one place a {@link
 * TopicSpec} becomes a {@link NewTopic}: the worker hands the requests for {@link Topics#ALL} to
 * Spring's {@code KafkaAdmin}; local mode and the test fixtures create them with {@link #create}.
 */
public final class PipelineTopics {

  private PipelineTopics() {}

  /**
   * One topic as a Kafka admin request.
   *
   * @param spec the topic's name, partitions and cleanup policy
   * @param replicationFactor 1 for a single broker, 3 for the Kubernetes cluster
   */
  public static NewTopic newTopic(TopicSpec spec, short replicationFactor) {
    NewTopic topic =
        new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.of(replicationFactor));
    if (spec.compacted()) {
      topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
    return topic;
  }

  /**
   * Topics as Kafka admin requests, in the given order.
   *
   * @param specs the topics, usually {@link Topics#ALL}
   * @param replicationFactor 1 for a single broker, 3 for the Kubernetes cluster
   */
  public static List<NewTopic> newTopics(List<TopicSpec> specs, short replicationFactor) {
    return specs.stream().map(spec -> newTopic(spec, replicationFactor)).toList();
  }

  /**
   * Creates every topic of {@code specs} that does not exist yet; topics that exist are left as
   * they are, so several apps and test classes may all call this.
   *
   * @param bootstrapServers the cluster
   * @param specs the topics, usually {@link Topics#ALL}
   * @param replicationFactor replicas per partition
   * @throws IllegalStateException when the cluster refuses or cannot be reached
   */
  public static void create(
      String bootstrapServers, List<TopicSpec> specs, short replicationFactor) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      CreateTopicsResult result = admin.createTopics(newTopics(specs, replicationFactor));
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

  /**
   * What keeps a cluster from serving the pipeline: each topic of {@code specs} that is missing or
   * has fewer partitions than it needs, one line each (empty when all is well). A topic created a
   * moment ago may still be reported missing: brokers learn of new topics from the controller.
   *
   * @throws IllegalStateException when the cluster cannot be asked
   */
  public static List<String> problems(Admin admin, List<TopicSpec> specs) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<String> present =
          specs.stream().map(TopicSpec::name).filter(existing::contains).toList();
      Map<String, TopicDescription> descriptions =
          admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS);
      List<String> problems = new ArrayList<>();
      for (TopicSpec spec : specs) {
        TopicDescription description = descriptions.get(spec.name());
        if (description == null) {
          problems.add(spec.name() + ": missing");
        } else if (description.partitions().size() < spec.partitions()) {
          problems.add(
              "%s: %d partitions, needs %d"
                  .formatted(spec.name(), description.partitions().size(), spec.partitions()));
        }
      }
      return problems;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe the pipeline's topics", e);
    }
  }
}
