package dev.translation.contracts;

import java.util.Objects;

/**
 * The shape a topic must have, independent of where it is created (the local broker, a test
 * fixture, a Kubernetes topic job or a Spring {@code NewTopic} bean). The replication factor is
 * deliberately not part of it: it is a property of the cluster (1 locally, 3 on Kubernetes), not of
 * the contract.
 *
 * @param name the topic name
 * @param partitions how many partitions it needs; also the ceiling on consumers per group
 * @param compacted whether the topic keeps only the latest record per key ({@code
 *     cleanup.policy=compact}) instead of deleting by age
 */
public record TopicSpec(String name, int partitions, boolean compacted) {

  /** Validates the spec. */
  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
  }
}
