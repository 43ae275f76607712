package dev.translation.submit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.SegmentStatus;
import dev.translation.documents.DocumentFormat;
import dev.translation.documents.TextTranslation;
import dev.translation.submit.persistence.StoredSegment;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownloadDocumentTest {

  @Test
  void eachTextIsPutBackTogetherWithItsLineBreaksAndFailedSentencesStayInTheSource() {
    List<StoredSegment> segments =
        List.of(
            done(0, 0, 0, "I am hungry."),
            done(1, 0, 0, "Where is the station?"),
            done(2, 0, 2, "Good morning."),
            new StoredSegment(3, 1, 0, SegmentStatus.FAILED, null, "refused", null),
            done(4, 1, 1, "Thank you."));
    List<String> sources =
        List.of("Ich habe Hunger.", "Wo ist der Bahnhof?", "Guten Morgen.", "Kaputt.", "Danke.");

    List<TextTranslation> texts = DownloadDocument.translations(segments, sources, 2);

    assertThat(texts)
        .containsExactly(
            new TextTranslation("I am hungry. Where is the station?\n\nGood morning.", true),
            new TextTranslation("Kaputt.\nThank you.", false));
  }

  @Test
  void theDownloadIsNamedForTheTargetLanguageAndItsFormat() {
    assertThat(DownloadDocument.downloadName("report.docx", "en", DocumentFormat.DOCX))
        .isEqualTo("report.en.docx");
    assertThat(DownloadDocument.downloadName("scan.pdf", "en", DocumentFormat.DOCX))
        .isEqualTo("scan.en.docx");
    assertThat(DownloadDocument.downloadName("README", "en", DocumentFormat.TEXT))
        .isEqualTo("README.en.txt");
  }

  @Test
  void anUploadedNameLosesItsPathAndControlCharacters() {
    assertThat(SubmitDocument.fileName("C:\\Users\\x\\Bericht.docx")).isEqualTo("Bericht.docx");
    assertThat(SubmitDocument.fileName("../../etc/passwd")).isEqualTo("passwd");
    assertThat(SubmitDocument.fileName("a\"b\r\n.txt")).isEqualTo("ab.txt");
    assertThat(SubmitDocument.fileName(null)).isEqualTo("document");
    assertThat(SubmitDocument.fileName("x".repeat(300) + ".txt")).hasSize(255).endsWith(".txt");
  }

  private static StoredSegment done(int index, int text, int lineBreaks, String translation) {
    return new StoredSegment(
        index, text, lineBreaks, SegmentStatus.DONE, translation, null, "de-en-starter@4");
  }
}
