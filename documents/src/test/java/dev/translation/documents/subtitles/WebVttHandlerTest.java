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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebVttHandlerTest {

  private final WebVttHandler handler = new WebVttHandler(DocumentLimits.DEFAULTS);

  @Test
  void eachCuesPayloadIsOneTextWithCharacterReferencesResolved() {
    assertThat(handler.format()).isEqualTo(DocumentFormat.WEBVTT);
    assertThat(handler.texts(Samples.read("sample.vtt")))
        .containsExactly(
            "Hast du die Kisten schon gepackt?",
            "Fast alle. Nur die Bücher\nfehlen noch.",
            "[leise Musik]",
            "Dann hilf mir bitte, Roger.\nDer Wagen kommt um <acht> & nicht später.",
            "Schon gut!");
  }

  @Test
  void aTranslatedSampleChangesEveryTextAndNothingElse() {
    byte[] sample = Samples.read("sample.vtt");
    List<String> texts = handler.texts(sample);

    byte[] translated = handler.translate(sample, marked(texts));

    assertThat(handler.texts(translated))
        .containsExactlyElementsOf(marked(texts).stream().map(TextTranslation::text).toList());
    assertThat(Samples.withoutCueTexts(handler, translated))
        .isEqualTo(Samples.withoutCueTexts(handler, sample));
    assertThat(Samples.utf8(translated))
        .startsWith(
            "WEBVTT - Folge 3: Der Umzug\nKind: captions\nLanguage: de\n\nSTYLE\n::cue(.gelb) {")
        .contains("NOTE Untertitel für die Hörfassung,\nzuletzt geprüft im Mai.\n")
        .contains(
            "1\n00:00:00.500 --> 00:00:02.800\n<v Roger>EN: Hast du die Kisten schon gepackt?</v>\n")
        .contains(
            "00:00:03.000 --> 00:00:06.200 align:start position:10%\n"
                + "<v Anna>EN: Fast alle. Nur die Bücher\nfehlen noch.\n")
        .contains(
            "intro-musik\n00:00:06.500 --> 00:00:08.000 region:oben\n<i>EN: [leise Musik]</i>\n")
        .contains(
            "EN: Dann hilf mir bitte, <c.gelb>Roger</c>.\n"
                + "Der Wagen kommt um &lt;acht&gt; &amp; nicht später.\n")
        .endsWith(
            "01:00:11.500 --> 01:00:13.900 line:0 size:80%\n<v.laut Roger>EN: Schon gut!</v>\n");
  }

  @Test
  void translatingEveryTextIntoItselfGivesBackTheSameBytes() {
    byte[] sample = Samples.read("sample.vtt");

    assertThat(handler.translate(sample, Samples.unchanged(handler.texts(sample))))
        .isEqualTo(sample);
  }

  @Test
  void aTranslationIsEscapedSoItCannotBecomeMarkupOrATiming() {
    byte[] cue = "WEBVTT\n\n00:01.000 --> 00:02.000\nText\n".getBytes(StandardCharsets.UTF_8);

    byte[] translated =
        handler.translate(cue, List.of(new TextTranslation("<b>Tom & Jerry</b> --> 5", true)));

    assertThat(Samples.utf8(translated))
        .isEqualTo(
            "WEBVTT\n\n00:01.000 --> 00:02.000\n&lt;b&gt;Tom &amp; Jerry&lt;/b&gt; --&gt; 5\n");
    assertThat(handler.texts(translated)).containsExactly("<b>Tom & Jerry</b> --> 5");
  }

  @Test
  void aVoiceSpanningTheCueKeepsItsTagsWhateverTheLineCount() {
    byte[] cue =
        "WEBVTT\n\n00:01.000 --> 00:04.000\n<v Anna>Fast alle.\nNur die Bücher fehlen.</v>\n"
            .getBytes(StandardCharsets.UTF_8);

    byte[] one = handler.translate(cue, List.of(new TextTranslation("Almost all of them.", true)));
    byte[] two =
        handler.translate(
            cue,
            HandlerChecks.translated(handler.texts(cue), text -> text.toUpperCase(Locale.ROOT)));

    assertThat(Samples.utf8(one)).endsWith("\n<v Anna>Almost all of them.</v>\n");
    assertThat(Samples.utf8(two)).endsWith("\n<v Anna>FAST ALLE.\nNUR DIE BÜCHER FEHLEN.</v>\n");
  }

  @Test
  void aFileWithoutCuesHasNoTexts() {
    byte[] empty = "WEBVTT\n\nNOTE nichts hier\n".getBytes(StandardCharsets.UTF_8);

    assertThat(handler.texts(empty)).isEmpty();
    assertThat(handler.translate(empty, List.of())).isEqualTo(empty);
  }

  @Test
  void malformedFilesAreRefusedNamingTheLine() {
    assertInvalid(
        "Hallo\n\n00:01.000 --> 00:02.000\nText\n",
        "line 1: a WebVTT file must start with the line WEBVTT");
    assertInvalid(
        "WEBVTT\n\n00:01,000 --> 00:02,000\nText\n",
        "line 3: the cue timing is malformed; expected [hh:]mm:ss.ttt --> [hh:]mm:ss.ttt, then"
            + " optional settings");
    assertInvalid(
        "WEBVTT\n\n00:01.000 --> 00:02.000\nText\n\nkennung\nnoch ein Text\n",
        "line 7: expected a cue timing line such as 00:00:01.000 --> 00:00:04.000");
    assertInvalid(
        "WEBVTT\n\n00:01.000 --> 00:02.000\nText\n00:99.000 --> 00:03.000\n",
        "line 5: the cue timing is malformed; expected [hh:]mm:ss.ttt --> [hh:]mm:ss.ttt, then"
            + " optional settings");
    assertInvalid(
        "WEBVTT\n\nkennung",
        "line 3: expected a cue timing line such as 00:00:01.000 --> 00:00:04.000");
  }

  @Test
  void moreCuesThanTheLimitAreRefusedNamingTheLimit() {
    WebVttHandler small = new WebVttHandler(new DocumentLimits(3, 1 << 20, 10, 8));
    String four = "WEBVTT\n\n" + "00:01.000 --> 00:02.000\nText\n\n".repeat(4);

    assertThatThrownBy(() -> small.texts(four.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("more than 3 cues");
  }

  @Test
  void aTranslationCountThatDiffersFromTheTextsIsAProgrammingError() {
    byte[] sample = Samples.read("sample.vtt");

    assertThatThrownBy(() -> handler.translate(sample, marked(List.of("a", "b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected 5 translations, got 2");
  }

  @Test
  void hostileFilesAreRefusedCleanly() {
    assertThatThrownBy(() -> handler.texts(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("the file is empty");
    byte[] junk = new byte[2048];
    new Random(11).nextBytes(junk);
    assertThatThrownBy(() -> handler.texts(junk)).isInstanceOf(InvalidDocumentException.class);
    byte[] manyLines =
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n" + "x\n".repeat(500_000))
            .getBytes(StandardCharsets.UTF_8);
    HandlerChecks.assertCleanOutcome(handler, manyLines, Duration.ofSeconds(5));
  }

  @Test
  void mutatedSamplesAreReadOrRefusedCleanly() {
    for (byte[] mutation : HandlerChecks.mutations(Samples.read("sample.vtt"), 17, 300)) {
      HandlerChecks.assertCleanOutcome(handler, mutation, Duration.ofSeconds(5));
    }
  }

  private void assertInvalid(String document, String message) {
    assertThatThrownBy(() -> handler.texts(document.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage(message);
  }
}
