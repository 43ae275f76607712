package dev.translation.testfixtures;

import java.util.Objects;

/**
 * How to reach a Kafka cluster.
 *
 * @param bootstrapServers comma-separated {@code host:port} list for {@code bootstrap.servers}
 * @param source where the cluster comes from
 */
public record KafkaEndpoint(String bootstrapServers, FixtureSource source) {

  /** Validates the endpoint. */
  public KafkaEndpoint {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(source, "source");
  }
}
