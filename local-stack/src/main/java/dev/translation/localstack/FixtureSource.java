package dev.translation.localstack;

/** Where a shared test fixture comes from, in the order {@link SharedFixtures} tries them. */
public enum FixtureSource {
  /** A server named by environment variables, e.g. a CI service or a developer's own. */
  EXTERNAL,
  /** A container started through Testcontainers, when a Docker daemon answers. */
  TESTCONTAINERS,
  /**
   * A server started by this module in a child process ({@link LocalKafka}, {@link LocalMariaDb}).
   */
  EMBEDDED
}
