package dev.translation.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PythonTextTest {

  @Test
  void splitsOnPythonWhitespaceIncludingNoBreakSpaceAndNel() {
    assertThat(PythonText.split("  a\u00a0b\u0085c\u2009d\te \n"))
        .containsExactly("a", "b", "c", "d", "e");
    assertThat(PythonText.split(" \t ")).isEmpty();
  }

  @Test
  void keepsZeroWidthSpaceAsText() {
    // U+200B is a format character, not whitespace, for Python.
    assertThat(PythonText.split("a\u200bb")).containsExactly("a\u200bb");
  }

  @Test
  void rstripRemovesOnlyTrailingWhitespace() {
    assertThat(PythonText.rstrip("  a b\u3000\n")).isEqualTo("  a b");
  }

  @Test
  void removesWhitespaceAsCodePoints() {
    assertThat(PythonText.codePointsWithoutSpaces("a 😀")).containsExactly('a', 0x1F600);
  }
}
