package dev.translation.documents.markdown;

import static dev.translation.documents.HandlerChecks.marked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.HandlerChecks;
import dev.translation.documents.InvalidDocumentException;
import dev.translation.documents.TextTranslation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownHandlerTest {

  private final MarkdownHandler handler = new MarkdownHandler(DocumentLimits.DEFAULTS);

  @Test
  void theSamplesTextsAreItsParagraphsHeadingsItemsAndCellsEachFollowedByItsInlineTexts() {
    assertThat(handler.format()).isEqualTo(DocumentFormat.MARKDOWN);
    assertThat(handler.texts(sample()))
        .containsExactly(
            "Zeiterfassung für Teams",
            "Mit Stempeluhr erfassen Sie Arbeitszeiten direkt im Browser. Lesen Sie vor dem Start"
                + " das\nHandbuch und prüfen Sie die Systemvoraussetzungen.",
            "Stempeluhr",
            "Handbuch",
            "Systemvoraussetzungen",
            "Übersicht der Oberfläche",
            "Installation",
            "Laden Sie das Paket herunter.",
            "Entpacken Sie es in einen leeren Ordner.",
            "Starten Sie den Dienst mit ./stempeluhr start.",
            "Hinweis: Der Dienst speichert alle Daten lokal.\nEine Sicherung ist daher Ihre Aufgabe.",
            "Hinweis:",
            "Arbeitszeiten erfassen",
            "Urlaub beantragen",
            "mit Genehmigung durch die Teamleitung",
            "Berichte als CSV exportieren",
            "CSV",
            "Funktion",
            "Beschreibung",
            "Preis",
            "Erfassung",
            "Zeiten per Klick starten und stoppen",
            "0 €",
            "Berichte",
            "Monatsübersicht mit Export",
            "5 €",
            "Häufige Fragen",
            "Bei Fragen schreiben Sie an support@example.org oder rufen Sie an.",
            "Wir antworten werktags innerhalb eines Tages.");
  }

  @Test
  void aTranslatedSampleChangesOnlyTheWordsAndKeepsTheMarkupAroundThem() {
    byte[] sample = sample();

    String translated = utf8(handler.translate(sample, marked(handler.texts(sample))));

    String expected =
        utf8(sample)
            .replace("# Zeiterfassung", "# EN: Zeiterfassung")
            .replace("Mit **Stempeluhr**", "EN: Mit **Stempeluhr**")
            .replace("![Übersicht", "![EN: Übersicht")
            .replace("## Installation", "## EN: Installation")
            .replace("1. Laden", "1. EN: Laden")
            .replace("2. Entpacken", "2. EN: Entpacken")
            .replace("3. Starten", "3. EN: Starten")
            .replace("> **Hinweis:**", "> **EN: Hinweis:**")
            .replace("- Arbeitszeiten", "- EN: Arbeitszeiten")
            .replace("- Urlaub", "- EN: Urlaub")
            .replace("- mit Genehmigung", "- EN: mit Genehmigung")
            .replace("- Berichte als", "- EN: Berichte als")
            .replace(
                "| Funktion | Beschreibung | Preis |",
                "| EN: Funktion | EN: Beschreibung | EN: Preis |")
            .replace(
                "| Erfassung | Zeiten per Klick starten und stoppen | 0 € |",
                "| EN: Erfassung | EN: Zeiten per Klick starten und stoppen | EN: 0 € |")
            .replace(
                "| Berichte | Monatsübersicht mit `Export` | 5 € |",
                "| EN: Berichte | EN: Monatsübersicht mit `Export` | EN: 5 € |")
            .replace("Häufige Fragen\n", "EN: Häufige Fragen\n")
            .replace("Bei Fragen", "EN: Bei Fragen")
            .replace("<br>\nWir", "<br>\nEN: Wir");
    assertThat(translated).isEqualTo(expected);
    assertThat(MarkdownStructure.of(translated)).isEqualTo(MarkdownStructure.of(utf8(sample)));
  }

  @Test
  void everyTextReadsBackAsItsTranslationWhenTheTranslationKeepsTheInlineWords() {
    byte[] sample = sample();
    List<String> texts = handler.texts(sample);
    UnaryOperator<String> upperCase = text -> text.toUpperCase(Locale.GERMAN);

    byte[] translated = handler.translate(sample, HandlerChecks.translated(texts, upperCase));

    // Code spans and autolinks stay as written.
    UnaryOperator<String> codeKept =
        text ->
            text.replace("./STEMPELUHR START", "./stempeluhr start")
                .replace("SUPPORT@EXAMPLE.ORG", "support@example.org")
                .replace("MIT EXPORT", "MIT Export");
    assertThat(handler.texts(translated))
        .containsExactlyElementsOf(texts.stream().map(upperCase).map(codeKept).toList());
    assertThat(MarkdownStructure.of(utf8(translated)))
        .isEqualTo(MarkdownStructure.of(utf8(sample)));
    assertThat(utf8(translated))
        .contains("MIT **STEMPELUHR** ERFASSEN")
        .contains(
            "DAS\n[HANDBUCH](https://example.org/handbuch \"Zum Handbuch\") UND PRÜFEN SIE DIE *SYSTEMVORAUSSETZUNGEN*.")
        .contains("3. STARTEN SIE DEN DIENST MIT `./stempeluhr start`.")
        .contains("> **HINWEIS:** DER DIENST SPEICHERT ALLE DATEN LOKAL.  \n> EINE SICHERUNG")
        .contains("AN <support@example.org> ODER")
        .contains("| MONATSÜBERSICHT MIT `Export` |");
  }

  @Test
  void translatingEveryTextIntoItselfGivesBackTheSameBytes() {
    byte[] sample = sample();

    byte[] translated =
        handler.translate(
            sample,
            handler.texts(sample).stream().map(text -> new TextTranslation(text, true)).toList());

    assertThat(translated).isEqualTo(sample);
  }

  @Test
  void markupWhoseWordsTheTranslationLacksIsDroppedOrPutAfterButLinksAreNeverLost() {
    String markdown = "Das ist *sehr* wichtig, siehe [Handbuch](/doc) und `make`.\n";

    String translated =
        translate(markdown, "This matters a lot, read the guide and run it.", "much", "Manual");

    assertThat(translated)
        .isEqualTo("This matters a lot, read the guide and run it. [Manual](/doc) `make`\n");
  }

  @Test
  void markupAtTheStartThatCannotBeFoundStaysInFront() {
    String markdown = "[Start](/) ist die Seite, auf der alles beginnt.\n";

    String translated = translate(markdown, "This page is where everything begins.", "Home page");

    assertThat(translated).isEqualTo("[Home page](/) This page is where everything begins.\n");
  }

  @Test
  void markupIsFoundIgnoringCaseAndOnlyAsWholeWords() {
    String markdown = "Die [Startseite](/) ist dort, wo *alles* beginnt.\n";

    String translated =
        translate(markdown, "The home page is where it all begins, all of it.", "Home", "all");

    assertThat(translated).isEqualTo("The [home](/) page is where it *all* begins, all of it.\n");
  }

  @Test
  void markupThatWrapsAllTheWordsWrapsAllTheTranslation() {
    String markdown = "- [Installation](#installation)\n- **Achtung, heiß!**\n";

    String translated = translate(markdown, "Setup", "Caution, hot!");

    assertThat(translated).isEqualTo("- [Setup](#installation)\n- **Caution, hot!**\n");
  }

  @Test
  void nestedMarkupIsPlacedInsideItsFoundParent() {
    String markdown = "Bitte **lesen Sie [das Handbuch](/doc) zuerst** vor der Installation.\n";

    String translated =
        translate(
            markdown,
            "Please read the manual first before installing.",
            "read the manual first",
            "the manual");

    assertThat(translated)
        .isEqualTo("Please **read [the manual](/doc) first** before installing.\n");
  }

  @Test
  void linksByReferenceLabelKeepTheirLabel() {
    String markdown = "Siehe [Handbuch] und [Anhang][].\n\n[Handbuch]: /doc\n[Anhang]: /anhang\n";

    String translated = translate(markdown, "See Handbuch and the appendix.");

    assertThat(translated)
        .isEqualTo(
            "See [Handbuch] and the appendix. [Anhang][]\n\n[Handbuch]: /doc\n[Anhang]: /anhang\n");
    assertThat(MarkdownStructure.of(translated)).isEqualTo(MarkdownStructure.of(markdown));
  }

  @Test
  void imagesKeepTheirPlaceAtTheStartOrEndWithATranslatedDescription() {
    String markdown = "![Logo der Firma](logo.png) Willkommen bei uns!\n";

    String translated = translate(markdown, "Welcome!", "Company logo");

    assertThat(translated).isEqualTo("![Company logo](logo.png) Welcome!\n");
  }

  @Test
  void aBadgeLinkAroundAnImageKeepsBothWithTheDescriptionTranslated() {
    String markdown = "[![Baustatus](https://ci.example.org/badge.svg)](https://ci.example.org)\n";

    String translated = translate(markdown, "Build status");

    assertThat(translated)
        .isEqualTo("[![Build status](https://ci.example.org/badge.svg)](https://ci.example.org)\n");
  }

  @Test
  void inlineHtmlCutsTextsAndStaysWhereItIs() {
    String markdown = "Drücken Sie <kbd>Strg</kbd>+<kbd>C</kbd>, um zu kopieren.<br>\nFertig.\n";
    assertThat(handler.texts(utf8(markdown)))
        .containsExactly("Drücken Sie", "Strg", "+", "C", ", um zu kopieren.", "Fertig.");

    String translated = translate(markdown, "Press", "Ctrl", "+", "C", ", to copy.", "Done.");

    assertThat(translated).isEqualTo("Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, to copy.<br>\nDone.\n");
  }

  @Test
  void lineBreaksKeepTheirQuoteMarkersIndentationAndHardBreaks() {
    String markdown = "> Erste Zeile,  \n> zweite Zeile\\\n> dritte Zeile.\n\n- Punkt\n  weiter\n";

    String same = translate(markdown, "First line,\nsecond line\nthird line.", "Item\ngoes on");
    String fewer = translate(markdown, "All in one line.", "Item\n\n\ngoes on\nand on");

    assertThat(same)
        .isEqualTo("> First line,  \n> second line\\\n> third line.\n\n- Item\n  goes on\n");
    assertThat(fewer).isEqualTo("> All in one line.\n\n- Item\n  goes on and on\n");
    assertThat(MarkdownStructure.of(fewer)).isEqualTo(MarkdownStructure.of(markdown));
  }

  @Test
  void translatedWordsAreEscapedSoTheyNeverBecomeMarkup() {
    String markdown =
        "# Titel\n\nAbsatz eins\nzwei\ndrei\n\n| a | b |\n|---|---|\n| Zelle | [x](/x) |\n\n"
            + "Text mit [Link](/l) und `code`!\n";
    List<String> hostile =
        List.of(
            "# heading\n- item\n1. first\n> quote",
            "---\n===\n***\n    code\n```\n~~~",
            "*a* _b_ **c** `d` [e](f) ![g](h) <div> <b>x</b> &amp; \\* | pipe |",
            "<https://x.org> [ref]: /url\n[label]\n2) two\n+ plus",
            "1986. A year | and\n| --- |\n:--- | ---:",
            "closing #\n#");
    String structure = MarkdownStructure.of(markdown);

    for (String translation : hostile) {
      List<String> texts = handler.texts(utf8(markdown));
      String translated =
          utf8(
              handler.translate(
                  utf8(markdown), HandlerChecks.translated(texts, text -> translation)));

      assertThat(MarkdownStructure.of(translated)).as(translated).isEqualTo(structure);
      assertThat(handler.texts(utf8(translated)).getFirst())
          .as(translated)
          .isEqualTo(translation.replaceAll("\\s+", " "));
    }
  }

  @Test
  void translatedPunctuationNextToMarkupCannotTurnItIntoOtherMarkup() {
    String image = "Das ist [super](/x).\n";
    String link = "Siehe [Handbuch] bitte.\n\n[Handbuch]: /doc\n";

    assertThat(translate(image, "Wow!great", "great")).isEqualTo("Wow\\![great](/x)\n");
    assertThat(translate(link, "See Handbuch(s): now."))
        .isEqualTo("See [Handbuch]\\(s): now.\n\n[Handbuch]: /doc\n");
  }

  @Test
  void aPipeOutsideATableIsWrittenSoTheLineCannotJoinATable() {
    String markdown = "| a |\n|---|\n| b |\n- Punkt nach der Tabelle\n";

    String translated = translate(markdown, "A", "B", "Item | after the table");

    assertThat(translated).isEqualTo("| A |\n|---|\n| B |\n- Item &#124; after the table\n");
    assertThat(MarkdownStructure.of(translated)).isEqualTo(MarkdownStructure.of(markdown));
  }

  @Test
  void aParagraphRightAfterATableIsKeptAsWrittenSinceOnlyItsFirstLineEndsTheTable() {
    String markdown = "| a |\n|---|\n| b |\n|\nText danach\n";

    assertThat(handler.texts(utf8(markdown))).containsExactly("a", "b");
    assertThat(translate(markdown, "A", "B")).isEqualTo("| A |\n|---|\n| B |\n|\nText danach\n");
  }

  @Test
  void imagesByReferenceLabelOrWithLinksInTheirDescriptionAreKeptAsWritten() {
    String markdown = "![Logo] und ![[Bild](/b)](/i) hier.\n\n[Logo]: /logo.png\n";
    assertThat(handler.texts(utf8(markdown))).containsExactly("und  hier.");

    String translated = translate(markdown, "and here.");

    assertThat(translated).isEqualTo("![Logo] and here. ![[Bild](/b)](/i)\n\n[Logo]: /logo.png\n");
    assertThat(MarkdownStructure.of(translated)).isEqualTo(MarkdownStructure.of(markdown));
  }

  @Test
  void anEscapedPipeInATableCellKeepsTheMarkupAfterItInPlace() {
    String markdown = "| Spalte |\n|---|\n| a\\|b *betont* [Link](/l) |\n";

    String translated = translate(markdown, "Column", "A|B STRESSED LINK", "stressed", "link");

    assertThat(translated).isEqualTo("| Column |\n|---|\n| A\\|B *STRESSED* [LINK](/l) |\n");
  }

  @Test
  void frontMatterIsKeptAsItIsAndOnlyAClosedBlockCountsAsFrontMatter() {
    String withFrontMatter = "---\ntitle: Hallo Welt\n---\nText\n";
    String withoutClosing = "---\nKein Vorspann\n";

    assertThat(handler.texts(utf8(withFrontMatter))).containsExactly("Text");
    assertThat(translate(withFrontMatter, "EN")).isEqualTo("---\ntitle: Hallo Welt\n---\nEN\n");
    assertThat(handler.texts(utf8(withoutClosing))).containsExactly("Kein Vorspann");
  }

  @Test
  void codeBlocksHtmlBlocksAndReferenceDefinitionsHaveNoTexts() {
    String markdown =
        "```\nCode bleibt\n```\n\n    eingerückt\n\n<div>\nHTML bleibt\n</div>\n\n[x]: /y \"Titel\"\n";

    assertThat(handler.texts(utf8(markdown))).isEmpty();
    assertThat(handler.translate(utf8(markdown), List.of())).isEqualTo(utf8(markdown));
  }

  @Test
  void crlfFilesWithAByteOrderMarkKeepBoth() {
    byte[] markdown =
        ("\uFEFF# Titel\r\n\r\nErste Zeile\r\nzweite Zeile\r\n").getBytes(StandardCharsets.UTF_8);

    byte[] translated = handler.translate(markdown, marked(handler.texts(markdown)));

    assertThat(utf8(translated))
        .isEqualTo("\uFEFF# EN: Titel\r\n\r\nEN: Erste Zeile\r\nzweite Zeile\r\n");
  }

  @Test
  void deeplyNestedBlocksAreRefusedNamingTheLimit() {
    byte[] quotes = ("> ".repeat(1_000) + "Zitat\n").getBytes(StandardCharsets.UTF_8);
    StringBuilder list = new StringBuilder();
    for (int depth = 0; depth < 300; depth++) {
      list.append("  ".repeat(depth)).append("- Punkt\n");
    }

    assertThatThrownBy(() -> handler.texts(quotes))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("more than 256 levels deep");
    assertThatThrownBy(() -> handler.texts(utf8(list.toString())))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("more than 256 levels deep");
  }

  @Test
  void deeplyNestedInlineMarkupIsReadAndTranslatedWithoutOverflowingTheStack() {
    byte[] emphasis =
        ("*".repeat(50_000) + "x" + "*".repeat(50_000) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] images =
        ("![".repeat(20_000) + "x" + "](u)".repeat(20_000) + "\n").getBytes(StandardCharsets.UTF_8);

    HandlerChecks.assertCleanOutcome(handler, emphasis, Duration.ofSeconds(5));
    HandlerChecks.assertCleanOutcome(handler, images, Duration.ofSeconds(5));
  }

  @Test
  void moreTextsOrTableCellsThanTheLimitAreRefusedNamingTheLimit() {
    MarkdownHandler small = new MarkdownHandler(new DocumentLimits(10, 1 << 20, 10, 8));
    byte[] paragraphs = "Absatz\n\n".repeat(11).getBytes(StandardCharsets.UTF_8);
    byte[] table =
        ("| a | b |\n|---|---|\n" + "|  |  |\n".repeat(6)).getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> small.texts(paragraphs))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("more than 10 texts");
    assertThatThrownBy(() -> small.texts(table))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("a table has more than 10 cells");
  }

  @Test
  void unreadableFilesAreRefused() {
    assertThatThrownBy(() -> handler.texts(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("the file is empty");
    assertThatThrownBy(() -> handler.texts(new byte[] {'#', ' ', (byte) 0xC3, 0x28, 0, 1}))
        .isInstanceOf(InvalidDocumentException.class);
  }

  @Test
  void aTranslationCountThatDiffersFromTheTextsIsAProgrammingError() {
    assertThatThrownBy(() -> handler.translate(sample(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected 29 translations, got 0");
  }

  @Test
  void mutatedSamplesAreReadOrRefusedCleanly() {
    for (byte[] mutation : HandlerChecks.mutations(sample(), 23, 300)) {
      HandlerChecks.assertCleanOutcome(handler, mutation, Duration.ofSeconds(5));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void mutatedSamplesThatCanBeReadKeepTheirStructureWhenTranslated(long seed) {
    for (byte[] mutation : HandlerChecks.mutations(sample(), seed, 300)) {
      List<String> texts;
      try {
        texts = handler.texts(mutation);
      } catch (dev.translation.documents.DocumentException refused) {
        continue;
      }
      String source = new String(mutation, StandardCharsets.UTF_8);
      for (List<TextTranslation> translations :
          List.of(
              marked(texts),
              HandlerChecks.translated(texts, text -> text.toUpperCase(Locale.ROOT)),
              HandlerChecks.translated(texts, text -> "- *x* [y](z) `" + text + "\n# |"))) {
        String translated = utf8(handler.translate(mutation, translations));
        assertThat(MarkdownStructure.of(translated))
            .as(source)
            .isEqualTo(MarkdownStructure.of(source));
      }
    }
  }

  private String translate(String markdown, String... translations) {
    List<TextTranslation> all =
        List.of(translations).stream().map(text -> new TextTranslation(text, true)).toList();
    return utf8(handler.translate(utf8(markdown), all));
  }

  private static byte[] sample() {
    try (InputStream in = MarkdownHandlerTest.class.getResourceAsStream("/samples/sample.md")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
