package dev.translation.submit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitParameterTest {

  private static final Duration MAX = Duration.ofSeconds(10);

  @Test
  void acceptsShortFormsSecondsAndIso() {
    assertThat(WaitParameter.parse("2s", MAX)).isEqualTo(Duration.ofSeconds(2));
    assertThat(WaitParameter.parse("500ms", MAX)).isEqualTo(Duration.ofMillis(500));
    assertThat(WaitParameter.parse("3", MAX)).isEqualTo(Duration.ofSeconds(3));
    assertThat(WaitParameter.parse("PT1.5S", MAX)).isEqualTo(Duration.ofMillis(1500));
    assertThat(WaitParameter.parse("pt2s", MAX)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void absentIsNoWaitAndLongWaitsAreCapped() {
    assertThat(WaitParameter.parse(null, MAX)).isZero();
    assertThat(WaitParameter.parse(" ", MAX)).isZero();
    assertThat(WaitParameter.parse("1h", MAX)).isEqualTo(MAX);
  }

  @Test
  void rejectsOtherTextNamingTheAcceptedForms() {
    assertThatThrownBy(() -> WaitParameter.parse("soon", MAX))
        .isInstanceOf(MalformedRequestException.class)
        .hasMessageContaining("2s, 500ms or PT2S");
    assertThatThrownBy(() -> WaitParameter.parse("-PT1S", MAX))
        .isInstanceOf(MalformedRequestException.class);
  }
}
