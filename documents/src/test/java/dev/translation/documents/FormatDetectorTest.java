package dev.translation.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class FormatDetectorTest {

  @Test
  void theContentDecidesNotTheName() throws Exception {
    assertThat(detect("%PDF-1.7\n...", null)).isEqualTo(DocumentFormat.PDF);
    assertThat(FormatDetector.detect(zip("word/document.xml"), "upload"))
        .isEqualTo(DocumentFormat.DOCX);
    assertThat(FormatDetector.detect(zip("ppt/presentation.xml"), null))
        .isEqualTo(DocumentFormat.PPTX);
    assertThat(FormatDetector.detect(zip("xl/workbook.xml"), null)).isEqualTo(DocumentFormat.XLSX);
    assertThat(detect("\uFEFFWEBVTT\n\n00:01.000 --> 00:02.000\nHallo", null))
        .isEqualTo(DocumentFormat.WEBVTT);
    assertThat(detect("1\n00:00:01,000 --> 00:00:02,000\nHallo\n", "subtitles"))
        .isEqualTo(DocumentFormat.SRT);
    assertThat(detect("<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">", null))
        .isEqualTo(DocumentFormat.XLIFF);
    assertThat(detect("<!-- hi -->\n<!DOCTYPE html><p>Hallo", null)).isEqualTo(DocumentFormat.HTML);
    assertThat(detect("Hallo Welt.\n", null)).isEqualTo(DocumentFormat.TEXT);
  }

  @Test
  void onlyTheNameTellsMarkdownFromPlainText() {
    assertThat(detect("# Titel\n\nHallo.", "readme.md")).isEqualTo(DocumentFormat.MARKDOWN);
    assertThat(detect("# Titel\n\nHallo.", "readme.txt")).isEqualTo(DocumentFormat.TEXT);
  }

  @Test
  void aNameThatContradictsTheContentIsRefusedWithTheSupportedList() {
    assertThatThrownBy(() -> detect("<html><body>Hallo</body></html>", "report.docx"))
        .isInstanceOf(UnsupportedDocumentException.class)
        .hasMessageContaining("named .docx but its content is html")
        .hasMessageContaining("supported formats: text, markdown, html, docx");
  }

  @Test
  void unsupportedOrEmptyFilesAreRefused() throws Exception {
    assertThatThrownBy(() -> FormatDetector.detect(new byte[0], "a.txt"))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("the file is empty");
    assertThatThrownBy(() -> FormatDetector.detect(zip("content.xml"), "a.odt"))
        .isInstanceOf(UnsupportedDocumentException.class)
        .hasMessageContaining("not a DOCX, PPTX or XLSX");
    assertThatThrownBy(
            () ->
                FormatDetector.detect(
                    new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}, "a.doc"))
        .isInstanceOf(UnsupportedDocumentException.class)
        .hasMessageContaining("legacy binary Office");
    assertThatThrownBy(() -> FormatDetector.detect(new byte[] {1, 2, 0, 4}, null))
        .isInstanceOf(UnsupportedDocumentException.class)
        .hasMessageContaining("binary");
    assertThatThrownBy(() -> detect("<?xml version=\"1.0\"?><svg/>", null))
        .isInstanceOf(UnsupportedDocumentException.class)
        .hasMessageContaining("XML, but not XLIFF");
  }

  private static DocumentFormat detect(String content, String name) {
    return FormatDetector.detect(content.getBytes(StandardCharsets.UTF_8), name);
  }

  private static byte[] zip(String entry) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry(entry));
      zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
