package dev.translation.documents.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PdfParagraphsTest {

  @Test
  void aWordHyphenatedAtTheLineEndIsJoinedAgain() {
    assertThat(PdfParagraphs.join(List.of("an unseren Versanddienst-", "leister übergeben")))
        .isEqualTo("an unseren Versanddienstleister übergeben");
    assertThat(PdfParagraphs.join(List.of("Kunden\u00AD", "service"))).isEqualTo("Kundenservice");
  }

  @Test
  void aHyphenThatBelongsToTheTextStays() {
    assertThat(PdfParagraphs.join(List.of("die Software-", "Entwicklung")))
        .isEqualTo("die Software-Entwicklung");
    assertThat(PdfParagraphs.join(List.of("alle Kunden-", "und Lieferantendaten")))
        .isEqualTo("alle Kunden- und Lieferantendaten");
    assertThat(PdfParagraphs.join(List.of("Preis 10 -", "20 Euro")))
        .isEqualTo("Preis 10 - 20 Euro");
  }

  @Test
  void widerGapsNewPagesAndNewTypeSizesStartParagraphs() {
    List<PdfLine> lines =
        List.of(
            line(1, "Überschrift", 70, 18),
            line(1, "Erste Zeile des ersten Absatzes,", 100, 11),
            line(1, "zweite Zeile des ersten Absatzes.", 113, 11),
            line(1, "Der zweite Absatz nach einer Lücke,", 133, 11),
            line(1, "mit einer zweiten Zeile.", 146, 11),
            line(2, "Fortsetzung auf der nächsten Seite.", 70, 11));

    assertThat(PdfParagraphs.group(lines))
        .containsExactly(
            new PdfParagraph("Überschrift", 1),
            new PdfParagraph(
                "Erste Zeile des ersten Absatzes, zweite Zeile des ersten Absatzes.", 0),
            new PdfParagraph("Der zweite Absatz nach einer Lücke, mit einer zweiten Zeile.", 0),
            new PdfParagraph("Fortsetzung auf der nächsten Seite.", 0));
  }

  @Test
  void paragraphsOfOneLineEachAreToldApart() {
    List<PdfLine> lines =
        List.of(
            line(1, "Erster Punkt ohne Folgezeile", 100, 11),
            line(1, "Zweiter Punkt ohne Folgezeile", 120, 11),
            line(1, "Dritter Punkt ohne Folgezeile", 140, 11));

    assertThat(PdfParagraphs.group(lines)).hasSize(3);
  }

  @Test
  void headingsAreLevelledBySize() {
    List<PdfLine> lines =
        List.of(
            line(1, "Titel", 60, 24),
            line(1, "Abschnitt", 100, 16),
            line(1, "Text des Abschnitts, lang genug, um der Fließtext zu sein.", 130, 11));

    assertThat(PdfParagraphs.group(lines))
        .extracting(PdfParagraph::headingLevel)
        .containsExactly(1, 2, 0);
  }

  private static PdfLine line(int page, String text, float baseline, float size) {
    return new PdfLine(page, text, baseline, 400, size, false);
  }
}
