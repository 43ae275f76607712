package dev.translation.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SharedFixturesTest {

  private static final BooleanSupplier DOCKER = () -> true;
  private static final BooleanSupplier NO_DOCKER = () -> false;
  private static final BooleanSupplier MUST_NOT_ASK =
      () -> {
        throw new AssertionError("Docker was probed although the choice was already made");
      };

  private static UnaryOperator<String> settings(Map<String, String> values) {
    return values::get;
  }

  @Test
  void anExternalServerNamedByTheEnvironmentWinsWithoutProbingDocker() {
    assertThat(SharedFixtures.choose(true, settings(Map.of()), MUST_NOT_ASK))
        .isEqualTo(FixtureSource.EXTERNAL);
  }

  @Test
  void dockerIsUsedWhenItAnswersElseTheEmbeddedServers() {
    assertThat(SharedFixtures.choose(false, settings(Map.of()), DOCKER))
        .isEqualTo(FixtureSource.TESTCONTAINERS);
    assertThat(SharedFixtures.choose(false, settings(Map.of()), NO_DOCKER))
        .isEqualTo(FixtureSource.EMBEDDED);
  }

  @Test
  void testFixturesSettingForcesEmbeddedOrDocker() {
    assertThat(
            SharedFixtures.choose(
                false, settings(Map.of("TEST_FIXTURES", "Embedded")), MUST_NOT_ASK))
        .isEqualTo(FixtureSource.EMBEDDED);
    assertThat(
            SharedFixtures.choose(
                false, settings(Map.of("TEST_FIXTURES", "testcontainers")), DOCKER))
        .isEqualTo(FixtureSource.TESTCONTAINERS);
    assertThatIllegalStateException()
        .isThrownBy(
            () ->
                SharedFixtures.choose(
                    false, settings(Map.of("TEST_FIXTURES", "testcontainers")), NO_DOCKER))
        .withMessageContaining("no Docker daemon");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> SharedFixtures.choose(false, settings(Map.of("TEST_FIXTURES", "h2")), DOCKER))
        .withMessageContaining("expected auto, embedded or testcontainers");
  }
}
