package dev.translation.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SentenceSegmenterTest {

  private final SentenceSegmenter segmenter = new SentenceSegmenter(40, Locale.GERMAN);

  @Test
  void oneSentenceIsOnePiece() {
    assertThat(segmenter.split("Ich habe Hunger."))
        .containsExactly(new TextPiece("Ich habe Hunger.", 0));
  }

  @Test
  void sentencesOfALineAreJoinedBySpacesAndLinesKeepTheirBreaks() {
    String text = "Guten Morgen. Wie geht es dir?\r\nDanke.\n\n\nTschüss!";

    List<TextPiece> pieces = segmenter.split(text);

    assertThat(pieces)
        .containsExactly(
            new TextPiece("Guten Morgen.", 0),
            new TextPiece("Wie geht es dir?", 0),
            new TextPiece("Danke.", 1),
            new TextPiece("Tschüss!", 3));
    assertThat(SentenceSegmenter.join(pieces, TextPiece::text))
        .isEqualTo("Guten Morgen. Wie geht es dir?\nDanke.\n\n\nTschüss!");
  }

  @Test
  void aTextWithoutWordsIsOneEmptyPiece() {
    assertThat(segmenter.split("")).containsExactly(new TextPiece("", 0));
    assertThat(segmenter.split(" \n\t \r\n")).containsExactly(new TextPiece("", 0));
  }

  @Test
  void leadingBlankLinesAreDroppedAndInnerWhitespaceCollapses() {
    assertThat(segmenter.split("\n\n  Hallo   Welt.  "))
        .containsExactly(new TextPiece("Hallo Welt.", 0));
  }

  @Test
  void aLongSentenceIsCutAtSpacesIntoBoundedPieces() {
    String sentence = "Dies ist ein sehr langer Satz ohne Punkt der immer weiter geht und geht";

    List<TextPiece> pieces = segmenter.split(sentence);

    assertThat(pieces)
        .hasSizeGreaterThan(1)
        .allSatisfy(p -> assertThat(p.text()).hasSizeLessThanOrEqualTo(40));
    assertThat(pieces.subList(1, pieces.size()))
        .allSatisfy(p -> assertThat(p.lineBreaks()).isZero());
    assertThat(SentenceSegmenter.join(pieces, TextPiece::text)).isEqualTo(sentence);
  }

  @Test
  void aLongWordIsCutAtTheLimitWithoutSplittingASurrogatePair() {
    String word = "x".repeat(39) + "\uD83D\uDE00" + "y".repeat(50);

    List<TextPiece> pieces = segmenter.split(word);

    assertThat(pieces).allSatisfy(p -> assertThat(p.text()).hasSizeLessThanOrEqualTo(40));
    assertThat(pieces.getFirst().text()).isEqualTo("x".repeat(39));
    assertThat(pieces.get(1).text()).startsWith("\uD83D\uDE00");
    assertThat(String.join("", pieces.stream().map(TextPiece::text).toList())).isEqualTo(word);
  }

  @Test
  void joinPutsEachTranslationInItsPiecesPlace() {
    List<TextPiece> pieces = segmenter.split("Hallo.\nWelt.");

    assertThat(SentenceSegmenter.join(pieces, p -> p.text().toUpperCase(Locale.ROOT)))
        .isEqualTo("HALLO.\nWELT.");
  }
}
