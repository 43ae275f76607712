package dev.translation.documents.subtitles;

import static dev.translation.documents.HandlerChecks.marked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.HandlerChecks;
import dev.translation.documents.InvalidDocumentException;
import dev.translation.documents.TextTranslation;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SrtHandlerTest {

  private final SrtHandler handler = new SrtHandler(DocumentLimits.DEFAULTS);

  @Test
  void eachCuesTextIsOneTextWithItsLineBreaksAndWithoutTheMarkupAroundIt() {
    assertThat(handler.format()).isEqualTo(DocumentFormat.SRT);
    assertThat(handler.texts(Samples.read("sample.srt")))
        .containsExactly(
            "Guten Morgen, Frau Berger.",
            "Haben Sie den Brief\naus Hamburg schon gelesen?",
            "Noch nicht. Ich war\nden ganzen Tag unterwegs.",
            "[Telefon klingelt]",
            "- Wer ist da?\n- Hier spricht Kommissar Wagner.",
            "Wir müssen sofort reden.");
  }

  @Test
  void aTranslatedSampleChangesEveryTextAndNothingElse() {
    byte[] sample = Samples.read("sample.srt");
    List<String> texts = handler.texts(sample);

    byte[] translated = handler.translate(sample, marked(texts));

    assertThat(handler.texts(translated))
        .containsExactlyElementsOf(marked(texts).stream().map(TextTranslation::text).toList());
    assertThat(Samples.withoutCueTexts(handler, translated))
        .isEqualTo(Samples.withoutCueTexts(handler, sample));
    String output = Samples.utf8(translated);
    assertThat(output)
        .startsWith(
            "\uFEFF1\r\n00:00:01,200 --> 00:00:03,900\r\nEN: Guten Morgen, Frau Berger.\r\n")
        .contains("<i>EN: Noch nicht. Ich war\r\nden ganzen Tag unterwegs.</i>\r\n")
        .contains("{\\an8}EN: [Telefon klingelt]\r\n")
        .contains("EN: - Wer ist da?\r\n- Hier spricht <b>Kommissar Wagner</b>.\r\n")
        .endsWith(
            "00:01:02,000 --> 00:01:05,500 X1:100 X2:600 Y1:50 Y2:90\r\n"
                + "EN: Wir müssen sofort reden.\r\n");
  }

  @Test
  void translatingEveryTextIntoItselfGivesBackTheSameBytes() {
    byte[] sample = Samples.read("sample.srt");

    assertThat(handler.translate(sample, Samples.unchanged(handler.texts(sample))))
        .isEqualTo(sample);
  }

  @Test
  void tagsAmongTheWordsFollowThoseWordsOrAreDropped() {
    byte[] cue =
        "1\n00:00:01,000 --> 00:00:02,000\nHier spricht <b>Kommissar Wagner</b>.\n".getBytes(UTF8);

    byte[] kept =
        handler.translate(cue, List.of(new TextTranslation("This is kommissar wagner.", true)));
    byte[] dropped =
        handler.translate(cue, List.of(new TextTranslation("This is Inspector Wagner.", true)));

    assertThat(Samples.utf8(kept)).endsWith("\nThis is <b>kommissar wagner</b>.\n");
    assertThat(Samples.utf8(dropped)).endsWith("\nThis is Inspector Wagner.\n");
  }

  @Test
  void aTranslationWithOtherLineCountsKeepsTheMarkupOfTheFirstAndLastLine() {
    byte[] cue =
        "7\r\n00:00:01,000 --> 00:00:02,000\r\n<i>Noch nicht.\r\nIch war unterwegs.</i>\r\n"
            .getBytes(UTF8);

    byte[] one = handler.translate(cue, List.of(new TextTranslation("Not yet, I was out.", true)));
    byte[] three =
        handler.translate(cue, List.of(new TextTranslation("Not yet.\n\nI was\nout.", true)));

    assertThat(Samples.utf8(one)).endsWith("\r\n<i>Not yet, I was out.</i>\r\n");
    assertThat(Samples.utf8(three)).endsWith("\r\n<i>Not yet.\r\nI was\r\nout.</i>\r\n");
  }

  @Test
  void aBlankTranslationLeavesTheCueAsItWasAndAnArrowCannotBecomeATiming() {
    byte[] cues =
        "1\n00:00:01,000 --> 00:00:02,000\nEins\n\n2\n00:00:03,000 --> 00:00:04,000\nZwei\n"
            .getBytes(UTF8);

    byte[] translated =
        handler.translate(
            cues, List.of(new TextTranslation(" ", false), new TextTranslation("a --> b", true)));

    assertThat(Samples.utf8(translated))
        .isEqualTo(
            "1\n00:00:01,000 --> 00:00:02,000\nEins\n\n2\n00:00:03,000 --> 00:00:04,000\na -> b\n");
  }

  @Test
  void filesAsFoundInTheWildAreRead() {
    String sloppy =
        "00:00:01.000 --> 00:00:02.000\n"
            + "Ohne Nummer\n"
            + "2\n"
            + "00:00:03,5 --> 00:00:04,25  \n"
            + "Ohne Leerzeile davor\n"
            + "\n\n\n"
            + "3\n"
            + "0:00:05,000-->0:00:06,000\n"
            + "\n"
            + "4\n"
            + "00:00:07,000 --> 00:00:08,000\n"
            + "Nach einem Hinweis ohne Text";

    List<String> texts = handler.texts(sloppy.getBytes(UTF8));
    byte[] translated =
        handler.translate(
            sloppy.getBytes(UTF8),
            HandlerChecks.translated(texts, text -> text.toUpperCase(Locale.ROOT)));

    assertThat(texts)
        .containsExactly("Ohne Nummer", "Ohne Leerzeile davor", "Nach einem Hinweis ohne Text");
    assertThat(Samples.utf8(translated))
        .isEqualTo(
            sloppy
                .replace("Ohne Nummer", "OHNE NUMMER")
                .replace("Ohne Leerzeile davor", "OHNE LEERZEILE DAVOR")
                .replace("Nach einem Hinweis ohne Text", "NACH EINEM HINWEIS OHNE TEXT"));
  }

  @Test
  void aLegacyEncodedFileIsWrittenBackInItsEncoding() {
    Charset windows1252 = Charset.forName("windows-1252");
    byte[] cue =
        ("1\r\n00:00:01,000 --> 00:00:03,000\r\n„Schöne Grüße aus Köln“, sagte sie.\r\n\r\n"
                + "2\r\n00:00:04,000 --> 00:00:06,000\r\nDie Brücke über den Fluss ist gesperrt.\r\n")
            .getBytes(windows1252);

    byte[] translated =
        handler.translate(
            cue, HandlerChecks.translated(handler.texts(cue), text -> "„Grüße“ – ok"));

    assertThat(new String(translated, windows1252))
        .isEqualTo(
            "1\r\n00:00:01,000 --> 00:00:03,000\r\n„Grüße“ – ok\r\n\r\n"
                + "2\r\n00:00:04,000 --> 00:00:06,000\r\n„Grüße“ – ok\r\n");
  }

  @Test
  void malformedTimingsAreRefusedNamingTheirLine() {
    assertInvalid(
        "1\n00:00:01,000 -> 00:00:02,000\nText\n",
        "line 2: expected a timing line such as 00:00:01,000 --> 00:00:04,000");
    assertInvalid(
        "1\n00:00:01,000 --> 00:00:02,000\nText\n\n2\n00:61:00,000 --> 00:62:00,000\nText\n",
        "line 6: the timing has more than 59 minutes or seconds");
    assertInvalid(
        "1\n00:00:01,000 --> 00:00:02,000\nText\n00:00:03 --> 00:00:04\nText\n",
        "line 4: expected a timing line such as 00:00:01,000 --> 00:00:04,000");
    assertInvalid(
        "1\n00:00:01,000 --> 00:00:02,000\nText\n\nGeheimer Text ohne Zeit\n",
        "line 5: expected a cue number or a timing line");
    assertInvalid(
        "1\n00:00:01,000 --> 00:00:02,000\nText\n\n2\n",
        "line 5: a cue number without a timing line after it");
  }

  @Test
  void refusalsNeverEchoTheFile() {
    assertThatThrownBy(() -> handler.texts("Geheimer Text ohne Zeit\n".getBytes(UTF8)))
        .isInstanceOf(InvalidDocumentException.class)
        .message()
        .doesNotContain("Geheim");
  }

  @Test
  void moreCuesThanTheLimitAreRefusedNamingTheLimit() {
    SrtHandler small = new SrtHandler(new DocumentLimits(5, 1 << 20, 10, 8));
    StringBuilder six = new StringBuilder();
    for (int i = 1; i <= 6; i++) {
      six.append(i)
          .append("\n00:00:0")
          .append(i)
          .append(",000 --> 00:00:0")
          .append(i)
          .append(",500\nText\n\n");
    }

    assertThatThrownBy(() -> small.texts(six.toString().getBytes(UTF8)))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("more than 5 cues");
  }

  @Test
  void aTranslationCountThatDiffersFromTheTextsIsAProgrammingError() {
    assertThatThrownBy(() -> handler.translate(Samples.read("sample.srt"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected 6 translations, got 0");
  }

  @Test
  void hostileFilesAreRefusedCleanly() {
    assertThatThrownBy(() -> handler.texts(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("the file is empty");
    byte[] junk = new byte[2048];
    new Random(11).nextBytes(junk);
    assertThatThrownBy(() -> handler.texts(junk)).isInstanceOf(InvalidDocumentException.class);
    byte[] manyTagStarts =
        ("1\n00:00:01,000 --> 00:00:02,000\n" + "<a".repeat(500_000) + "\n").getBytes(UTF8);
    HandlerChecks.assertCleanOutcome(handler, manyTagStarts, Duration.ofSeconds(5));
  }

  @Test
  void mutatedSamplesAreReadOrRefusedCleanly() {
    for (byte[] mutation : HandlerChecks.mutations(Samples.read("sample.srt"), 31, 300)) {
      HandlerChecks.assertCleanOutcome(handler, mutation, Duration.ofSeconds(5));
    }
  }

  private void assertInvalid(String document, String message) {
    assertThatThrownBy(() -> handler.texts(document.getBytes(UTF8)))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage(message);
  }

  private static final Charset UTF8 = StandardCharsets.UTF_8;
}
