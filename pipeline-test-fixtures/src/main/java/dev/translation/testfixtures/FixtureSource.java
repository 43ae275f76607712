package dev.translation.testfixtures;

/** Where a shared test fixture comes from, in the order {@link SharedFixtures} tries them. */
public enum FixtureSource {
  /** A server named by environment variables, e.g. a CI service or a developer's own. */
  EXTERNAL,
  /** A container started through Testcontainers, when a Docker daemon answers. */
  TESTCONTAINERS,
  /**
   * A server started from Maven artifacts in a child process ({@link
   * dev.translation.localstack.LocalKafka}, {@link dev.translation.localstack.LocalMariaDb}).
   */
  EMBEDDED
}
