package dev.translation.documents.text;

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
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextHandlerTest {

  private final PlainTextHandler handler = new PlainTextHandler(DocumentLimits.DEFAULTS);

  @Test
  void theSamplesParagraphsAreItsTextsWithTheirLinesButNotTheirIndentation() {
    assertThat(handler.format()).isEqualTo(DocumentFormat.TEXT);
    assertThat(handler.texts(sample("sample.txt")))
        .containsExactly(
            "Betreff: Umzug der Bibliothek",
            "Liebe Leserinnen und Leser,",
            "die Stadtbibliothek zieht im März in das ehemalige Postgebäude am Marktplatz.\n"
                + "Während des Umzugs bleibt sie vom 3. bis 14. März geschlossen. Bereits\n"
                + "ausgeliehene Bücher können Sie in dieser Zeit am Rathaus zurückgeben.",
            "Öffnungszeiten ab dem 15. März:\nMontag bis Freitag 9 bis 18 Uhr\nSamstag 10 bis 14 Uhr",
            "Fragen beantworten wir gern unter der Telefonnummer 0761 201-2207.",
            "Mit freundlichen Grüßen\nIhre Stadtbibliothek");
  }

  @Test
  void aTranslatedSampleChangesOnlyTheParagraphsText() {
    byte[] sample = sample("sample.txt");
    List<String> texts = handler.texts(sample);

    byte[] translated = handler.translate(sample, marked(texts));

    String expected =
        new String(sample, StandardCharsets.UTF_8)
            .replace("Betreff:", "EN: Betreff:")
            .replace("Liebe ", "EN: Liebe ")
            .replace("die Stadtbibliothek", "EN: die Stadtbibliothek")
            .replace("    Öffnungszeiten", "    EN: Öffnungszeiten")
            .replace("Fragen ", "EN: Fragen ")
            .replace("Mit freundlichen", "EN: Mit freundlichen");
    assertThat(new String(translated, StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(handler.texts(translated))
        .containsExactlyElementsOf(marked(texts).stream().map(TextTranslation::text).toList());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"sample.txt", "sample-latin1.txt", "sample-windows1252.txt", "sample-utf16.txt"})
  void translatingEveryTextIntoItselfGivesBackTheSameBytes(String name) {
    byte[] sample = sample(name);

    byte[] translated = handler.translate(sample, unchanged(handler.texts(sample)));

    assertThat(translated).isEqualTo(sample);
  }

  @Test
  void aLatin1FileIsReadAndWrittenAsLatin1WithItsCrlfLineBreaks() {
    byte[] sample = sample("sample-latin1.txt");
    List<String> texts = handler.texts(sample);
    assertThat(texts)
        .containsExactly(
            "Wetterbericht für Freiburg",
            "Am Wochenende wird es sonnig und warm. Die Höchstwerte liegen bei 28 Grad.\n"
                + "In der Nacht zum Sonntag kühlt es auf 14 Grad ab.",
            "Am Montag ziehen von Westen Gewitter auf, örtlich mit Starkregen und Hagel.\n"
                + "Die Temperaturen gehen deutlich zurück.");

    byte[] translated =
        handler.translate(
            sample,
            HandlerChecks.translated(texts, text -> text.toUpperCase(Locale.GERMAN) + " ÄÖÜ"));

    assertThat(new String(translated, StandardCharsets.ISO_8859_1))
        .startsWith("WETTERBERICHT FÜR FREIBURG ÄÖÜ\r\n\r\nAM WOCHENENDE")
        .contains("28 GRAD.\r\nIN DER NACHT")
        .endsWith("DEUTLICH ZURÜCK. ÄÖÜ\r\n");
  }

  @Test
  void aWindows1252FileKeepsItsTypographicQuotesAndDashes() {
    byte[] sample = sample("sample-windows1252.txt");
    assertThat(handler.texts(sample).getFirst()).isEqualTo("„Fahrplanänderung“ – Linie 7");

    byte[] translated =
        handler.translate(
            sample,
            HandlerChecks.translated(handler.texts(sample), text -> "“Timetable change” – €5"));

    assertThat(new String(translated, Charset.forName("windows-1252")))
        .startsWith("“Timetable change” – €5\n\n");
  }

  @Test
  void aUtf16FileKeepsItsByteOrderMarkAndEncoding() {
    byte[] sample = sample("sample-utf16.txt");
    assertThat(handler.texts(sample)).hasSize(3).first().isEqualTo("Einladung zum Sommerfest");

    byte[] translated = handler.translate(sample, marked(handler.texts(sample)));

    assertThat(translated[0]).isEqualTo((byte) 0xFF);
    assertThat(translated[1]).isEqualTo((byte) 0xFE);
    assertThat(new String(translated, 2, translated.length - 2, StandardCharsets.UTF_16LE))
        .startsWith("EN: Einladung zum Sommerfest\r\n\r\nEN: Am Samstag");
  }

  @Test
  void charactersTheFilesEncodingCannotHoldAreSpelledInAscii() {
    byte[] latin1 = "Grüße aus Köln, schöne Tage!\n".getBytes(StandardCharsets.ISO_8859_1);

    byte[] translated =
        handler.translate(
            latin1, List.of(new TextTranslation("“Greetings” — from Cologne… ™ 😀 ä", true)));

    assertThat(new String(translated, StandardCharsets.ISO_8859_1))
        .isEqualTo("\"Greetings\" - from Cologne... TM ? ä\n");
  }

  @Test
  void eachLineKeepsItsOwnSeparatorAndIndentation() {
    byte[] document = "  Erste Zeile\r\n\tzweite Zeile  \nletzte\r\n\r\nEnde".getBytes(UTF8);
    assertThat(handler.texts(document))
        .containsExactly("Erste Zeile\nzweite Zeile\nletzte", "Ende");

    byte[] translated =
        handler.translate(
            document,
            List.of(
                new TextTranslation("First line\nsecond line\nlast", true),
                new TextTranslation("End", true)));

    assertThat(new String(translated, UTF8))
        .isEqualTo("  First line\r\n\tsecond line  \nlast\r\n\r\nEnd");
  }

  @Test
  void aTranslationWithOtherLineCountsTakesTheNearestLinesLayoutAndBlankOnesChangeNothing() {
    byte[] document = "  eins\r\n  zwei\r\n  drei\r\n\r\nvier\n".getBytes(UTF8);

    byte[] fewer =
        handler.translate(
            document,
            List.of(new TextTranslation("one two\n\n three", true), new TextTranslation("", true)));
    byte[] more =
        handler.translate(
            document,
            List.of(
                new TextTranslation("1\n2\n3\n4", true), new TextTranslation("four\nfive", true)));

    assertThat(new String(fewer, UTF8)).isEqualTo("  one two\r\n  three\r\n\r\nvier\n");
    assertThat(new String(more, UTF8)).isEqualTo("  1\r\n  2\r\n  3\r\n  4\r\n\r\nfour\r\nfive\n");
  }

  @Test
  void whiteSpaceOnlyLinesSeparateParagraphsAndStayAsTheyWere() {
    byte[] document = "eins\n \t \nzwei\n\n\n\ndrei".getBytes(UTF8);
    assertThat(handler.texts(document)).containsExactly("eins", "zwei", "drei");

    byte[] translated = handler.translate(document, marked(handler.texts(document)));

    assertThat(new String(translated, UTF8)).isEqualTo("EN: eins\n \t \nEN: zwei\n\n\n\nEN: drei");
  }

  @Test
  void aFileOfBlankLinesHasNoTexts() {
    assertThat(handler.texts("\n \n\t\n".getBytes(UTF8))).isEmpty();
    assertThat(handler.translate("\n \n".getBytes(UTF8), List.of()))
        .isEqualTo("\n \n".getBytes(UTF8));
  }

  @Test
  void anEmptyFileOrAByteOrderMarkAloneIsRefused() {
    assertThatThrownBy(() -> handler.texts(new byte[0]))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("the file is empty");
    assertThatThrownBy(() -> handler.texts(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("the file is empty");
    assertThatThrownBy(() -> handler.texts(new byte[] {(byte) 0xFF, (byte) 0xFE}))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("the file is empty");
  }

  @Test
  void binaryJunkIsRefusedAsNoText() {
    byte[] junk = new byte[2048];
    new Random(11).nextBytes(junk);

    assertThatThrownBy(() -> handler.texts(junk)).isInstanceOf(InvalidDocumentException.class);
    assertThatThrownBy(() -> handler.translate(junk, List.of()))
        .isInstanceOf(InvalidDocumentException.class);
  }

  @Test
  void moreParagraphsThanTheLimitAreRefusedNamingTheLimit() {
    PlainTextHandler small = new PlainTextHandler(new DocumentLimits(10, 1 << 20, 10, 8));
    byte[] ten = "Absatz\n\n".repeat(10).getBytes(UTF8);
    byte[] eleven = "Absatz\n\n".repeat(11).getBytes(UTF8);

    assertThat(small.texts(ten)).hasSize(10);
    assertThatThrownBy(() -> small.texts(eleven))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("more than 10 paragraphs");
  }

  @Test
  void aMillionBlankSeparatedLinesAreRefusedQuickly() {
    byte[] document = "a\n\n".repeat(1_000_000).getBytes(UTF8);

    HandlerChecks.assertCleanOutcome(handler, document, Duration.ofSeconds(5));
    assertThatThrownBy(() -> handler.texts(document))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("more than 20000 paragraphs");
  }

  @Test
  void aTranslationCountThatDiffersFromTheTextsIsAProgrammingError() {
    byte[] sample = sample("sample.txt");

    assertThatThrownBy(() -> handler.translate(sample, List.of(new TextTranslation("x", true))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected 6 translations, got 1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"sample.txt", "sample-latin1.txt", "sample-windows1252.txt", "sample-utf16.txt"})
  void mutatedSamplesAreReadOrRefusedCleanly(String name) {
    for (byte[] mutation : HandlerChecks.mutations(sample(name), name.hashCode(), 300)) {
      HandlerChecks.assertCleanOutcome(handler, mutation, Duration.ofSeconds(5));
    }
  }

  private static final Charset UTF8 = StandardCharsets.UTF_8;

  static List<TextTranslation> unchanged(List<String> texts) {
    return texts.stream().map(text -> new TextTranslation(text, true)).toList();
  }

  static byte[] sample(String name) {
    try (InputStream in = PlainTextHandlerTest.class.getResourceAsStream("/samples/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no sample " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
