package dev.translation.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceTextTest {

  @Test
  void controlCharactersAndTabsBecomeSpacesButLineBreaksStay() {
    assertThat(SourceText.clean("Guten\u0000Morgen\u0007!\tJa\nNein"))
        .isEqualTo("Guten Morgen ! Ja\nNein");
  }

  @Test
  void unpairedSurrogatesAreReplacedAndPairsKept() {
    String emoji = "\uD83D\uDE00";
    assertThat(SourceText.clean("a\uD800b\uDC00c" + emoji)).isEqualTo("a b c" + emoji);
  }

  @Test
  void windowsAndOldMacLineEndingsBecomeLineBreaks() {
    assertThat(SourceText.clean("eins\r\nzwei\rdrei")).isEqualTo("eins\nzwei\ndrei");
  }

  @Test
  void decomposedUmlautsAreComposed() {
    assertThat(SourceText.clean("Mu\u0308nchen")).isEqualTo("München");
  }

  @Test
  void linesAreSplitIntoSentencesAndJoinedBack() {
    List<List<String>> lines =
        SourceText.sentencesByLine("Ich habe Hunger. Wo ist der Bahnhof?\n\n  Guten   Morgen ");

    assertThat(lines)
        .containsExactly(
            List.of("Ich habe Hunger.", "Wo ist der Bahnhof?"), List.of(), List.of("Guten Morgen"));
    assertThat(SourceText.join(lines))
        .isEqualTo("Ich habe Hunger. Wo ist der Bahnhof?\n\nGuten Morgen");
  }

  @Test
  void blankTextHasNoSentences() {
    assertThat(SourceText.sentencesByLine(SourceText.clean(" \t "))).containsExactly(List.of());
  }
}
