package dev.translation.submit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictUtf8RequestBodyAdviceTest {

  private static long offset(byte[] bytes) {
    return StrictUtf8RequestBodyAdvice.firstInvalidUtf8Offset(bytes);
  }

  @Test
  void validUtf8HasNoInvalidOffset() {
    assertThat(offset("Grüße \uD83D\uDC4B, 東京".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    assertThat(offset(new byte[0])).isEqualTo(-1);
  }

  @Test
  void theOffsetIsWhereTheBadSequenceStartsEvenFarIntoALongBody() {
    byte[] body = ("ä".repeat(20_000) + "x").getBytes(StandardCharsets.UTF_8);
    body[body.length - 1] = (byte) 0xC0; // an overlong form's first byte, cut short

    assertThat(offset(body)).isEqualTo(40_000);
  }

  @Test
  void overlongFormsAndEncodedSurrogatesAreInvalid() {
    assertThat(offset(new byte[] {'a', (byte) 0xC0, (byte) 0xAF})).isEqualTo(1);
    assertThat(offset(new byte[] {(byte) 0xED, (byte) 0xB0, (byte) 0x80})).isZero();
  }
}
