package dev.translation.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.contracts.Lane;
import dev.translation.worker.config.WorkerProperties.Decoding;
import org.junit.jupiter.api.Test;

class DecodingTest {

  @Test
  void unsetBeamSizeFollowsTheLane() {
    Decoding decoding = new Decoding(null, 2.0);

    assertThat(decoding.options(Lane.INTERACTIVE).beamSize()).isEqualTo(4);
    assertThat(decoding.options(Lane.BATCH).beamSize()).isEqualTo(1);
    assertThat(decoding.options(Lane.BATCH).lengthPenalty()).isEqualTo(2.0);
  }

  @Test
  void unsetLengthPenaltyLeavesItToTheModel() {
    assertThat(new Decoding(4, null).options(Lane.INTERACTIVE).lengthPenalty()).isNull();
  }

  @Test
  void explicitBeamSizeAppliesToEveryLane() {
    Decoding decoding = new Decoding(1, 2.0);

    assertThat(decoding.options(Lane.INTERACTIVE).beamSize()).isEqualTo(1);
    assertThat(decoding.options(Lane.BATCH).beamSize()).isEqualTo(1);
  }

  @Test
  void beamSizeBelowOneIsRejectedWithThePropertyName() {
    assertThatThrownBy(() -> new Decoding(0, 2.0))
        .hasMessageContaining("translation.worker.decoding.beam-size");
  }
}
