package dev.translation.testfixtures;

import static dev.translation.testfixtures.SharedFixtures.DB_URL;
import static dev.translation.testfixtures.SharedFixtures.KAFKA_BOOTSTRAP_SERVERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SharedFixturesTest {

  private static final BooleanSupplier DOCKER = () -> true;
  private static final BooleanSupplier NO_DOCKER = () -> false;
  private static final BooleanSupplier MUST_NOT_ASK =
      () -> {
        throw new AssertionError("Docker was probed although the environment decided");
      };

  private static UnaryOperator<String> environment(Map<String, String> variables) {
    return variables::get;
  }

  @ParameterizedTest
  @ValueSource(strings = {KAFKA_BOOTSTRAP_SERVERS, DB_URL})
  void aServerNamedByTheEnvironmentIsUsedWithoutAskingDocker(String variable) {
    UnaryOperator<String> named = environment(Map.of(variable, "server.example:1234"));

    assertThat(SharedFixtures.choose(variable, named, MUST_NOT_ASK))
        .isEqualTo(FixtureSource.EXTERNAL);
  }

  @Test
  void aServerNamedByTheEnvironmentWinsOverTheFixtureMode() {
    UnaryOperator<String> named =
        environment(Map.of(DB_URL, "jdbc:mysql://db:3306/t", "TEST_FIXTURES", "embedded"));

    assertThat(SharedFixtures.choose(DB_URL, named, MUST_NOT_ASK))
        .isEqualTo(FixtureSource.EXTERNAL);
  }

  @Test
  void withoutAServerInTheEnvironmentDockerIsUsedWhenItAnswers() {
    AtomicInteger probes = new AtomicInteger();
    BooleanSupplier docker =
        () -> {
          probes.incrementAndGet();
          return true;
        };

    // DB_URL names a database, not a broker: Kafka still comes from Docker.
    assertThat(
            SharedFixtures.choose(
                KAFKA_BOOTSTRAP_SERVERS,
                environment(Map.of(DB_URL, "jdbc:mysql://db:3306/t")),
                docker))
        .isEqualTo(FixtureSource.TESTCONTAINERS);
    assertThat(probes).hasValue(1);
  }

  @Test
  void withoutAServerInTheEnvironmentOrDockerTheServersAreEmbedded() {
    assertThat(SharedFixtures.choose(KAFKA_BOOTSTRAP_SERVERS, environment(Map.of()), NO_DOCKER))
        .isEqualTo(FixtureSource.EMBEDDED);
    assertThat(SharedFixtures.choose(DB_URL, environment(Map.of()), NO_DOCKER))
        .isEqualTo(FixtureSource.EMBEDDED);
  }

  @Test
  void aBlankVariableNamesNoServer() {
    UnaryOperator<String> blank = environment(Map.of(KAFKA_BOOTSTRAP_SERVERS, " "));

    assertThat(SharedFixtures.choose(KAFKA_BOOTSTRAP_SERVERS, blank, DOCKER))
        .isEqualTo(FixtureSource.TESTCONTAINERS);
    assertThat(SharedFixtures.choose(KAFKA_BOOTSTRAP_SERVERS, blank, NO_DOCKER))
        .isEqualTo(FixtureSource.EMBEDDED);
  }

  @Test
  void testFixturesSettingForcesEmbeddedOrDocker() {
    assertThat(
            SharedFixtures.choose(
                DB_URL, environment(Map.of("TEST_FIXTURES", "Embedded")), MUST_NOT_ASK))
        .isEqualTo(FixtureSource.EMBEDDED);
    assertThat(
            SharedFixtures.choose(
                DB_URL, environment(Map.of("TEST_FIXTURES", "testcontainers")), DOCKER))
        .isEqualTo(FixtureSource.TESTCONTAINERS);
    assertThatIllegalStateException()
        .isThrownBy(
            () ->
                SharedFixtures.choose(
                    DB_URL, environment(Map.of("TEST_FIXTURES", "testcontainers")), NO_DOCKER))
        .withMessageContaining("no Docker daemon");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> SharedFixtures.choose(DB_URL, environment(Map.of("TEST_FIXTURES", "h2")), DOCKER))
        .withMessageContaining("expected auto, embedded or testcontainers");
  }
}
