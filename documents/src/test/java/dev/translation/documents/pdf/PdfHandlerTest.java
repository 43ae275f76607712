package dev.translation.documents.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.HandlerChecks;
import dev.translation.documents.InvalidDocumentException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;

class PdfHandlerTest {

  private static final byte[] SAMPLE = sample();
  private static final List<String> SAMPLE_TEXTS =
      List.of(
          "Hinweise zur Lieferung",
          "Vielen Dank für Ihre Bestellung. Wir haben die Ware heute an unseren"
              + " Versanddienstleister übergeben und informieren Sie, sobald das Paket unterwegs"
              + " ist.",
          "Bitte prüfen Sie die Lieferung sofort nach Erhalt auf Vollständigkeit. Fehlende oder"
              + " beschädigte Teile melden Sie uns bitte innerhalb von zwei Wochen.",
          "Für Rückfragen erreichen Sie unseren Kundenservice montags bis freitags zwischen acht"
              + " und achtzehn Uhr.");

  private final PdfHandler handler = new PdfHandler(DocumentLimits.DEFAULTS);

  @Test
  void readsTheParagraphsInReadingOrderWithHyphenationUndone() {
    assertThat(handler.texts(SAMPLE)).containsExactlyElementsOf(SAMPLE_TEXTS);
  }

  @Test
  void translatesIntoADocxWithOneParagraphPerTextAndTheHeadingStyled() throws Exception {
    assertThat(handler.format()).isEqualTo(DocumentFormat.PDF);
    assertThat(handler.outputFormat()).isEqualTo(DocumentFormat.DOCX);

    byte[] translated = handler.translate(SAMPLE, HandlerChecks.marked(SAMPLE_TEXTS));

    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(translated))) {
      assertThat(docx.getParagraphs())
          .extracting(XWPFParagraph::getText)
          .containsExactlyElementsOf(SAMPLE_TEXTS.stream().map(text -> "EN: " + text).toList());
      assertThat(docx.getParagraphs())
          .extracting(XWPFParagraph::getStyleID)
          .containsExactly("Heading1", null, null, null);
      assertThat(docx.getStyles().styleExist("Heading1")).isTrue();
    }
  }

  @Test
  void lineBreaksAndTabsOfATranslationSurviveInTheDocx() throws Exception {
    Map<String, String> english = Map.of(SAMPLE_TEXTS.get(0), "Delivery\nnotes\tand hints");

    byte[] translated =
        handler.translate(
            SAMPLE,
            HandlerChecks.translated(SAMPLE_TEXTS, text -> english.getOrDefault(text, text)));

    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(translated))) {
      XWPFParagraph heading = docx.getParagraphs().getFirst();
      assertThat(heading.getText()).isEqualTo("Delivery\nnotes\tand hints");
      assertThat(heading.getCTP().xmlText()).contains("<w:br/>").contains("<w:tab/>");
    }
  }

  @Test
  void writesPlainTextOnRequest() {
    PdfHandler toText = PdfHandler.toText(DocumentLimits.DEFAULTS);
    assertThat(toText.outputFormat()).isEqualTo(DocumentFormat.TEXT);

    byte[] translated = toText.translate(SAMPLE, HandlerChecks.marked(SAMPLE_TEXTS));

    assertThat(new String(translated, StandardCharsets.UTF_8))
        .isEqualTo(
            String.join("\n\n", SAMPLE_TEXTS.stream().map(text -> "EN: " + text).toList()) + "\n");
  }

  @Test
  void aPdfThatNeedsAPasswordIsRefusedSayingSo() throws Exception {
    byte[] locked = protect(SAMPLE, "geheim");

    assertThatThrownBy(() -> handler.texts(locked))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("protected by a password");
  }

  @Test
  void aPdfOnlyRestrictedByAnOwnerPasswordIsRead() throws Exception {
    byte[] restricted = protect(SAMPLE, "");

    assertThat(handler.texts(restricted)).containsExactlyElementsOf(SAMPLE_TEXTS);
  }

  @Test
  void aPdfWithoutTextIsRefusedWithAHint() throws Exception {
    ByteArrayOutputStream blank = new ByteArrayOutputStream();
    try (PDDocument pdf = new PDDocument()) {
      pdf.addPage(new PDPage());
      pdf.save(blank);
    }

    assertThatThrownBy(() -> handler.texts(blank.toByteArray()))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("no text")
        .hasMessageContaining("scanned");
  }

  @Test
  void pageContentThatUnpacksBeyondTheLimitIsRefused() {
    byte[] bomb = pdfWithContent(" ".repeat(20 << 20) + "BT /F1 12 Tf 72 700 Td (Hallo) Tj ET");
    assertThat(bomb.length).isLessThan(100_000);
    PdfHandler strict = new PdfHandler(new DocumentLimits(100, 1 << 20, 100, 64));

    assertThatThrownBy(() -> strict.texts(bomb))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("unpack to more than 1 MiB");
    assertThat(handler.texts(bomb)).containsExactly("Hallo");
  }

  @Test
  void whatIsNoPdfIsInvalid() {
    byte[] garbage = "%PDF-1.7\nkein PDF".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> handler.texts(garbage))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("the file is not a readable PDF");
  }

  @Test
  void moreParagraphsThanTheLimitAreRefusedNamingIt() {
    PdfHandler strict = new PdfHandler(new DocumentLimits(2, 200L << 20, 100, 256));

    assertThatThrownBy(() -> strict.texts(SAMPLE))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("more than 2 paragraphs");
  }

  @Test
  void aTranslationCountThatDoesNotMatchIsAProgrammingError() {
    assertThatThrownBy(() -> handler.translate(SAMPLE, HandlerChecks.marked(List.of("eins"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 texts but 1 translations");
  }

  @Test
  void mutatedFilesEndInACleanRejectionOrAResult() {
    for (byte[] mutation : HandlerChecks.mutations(SAMPLE, 41, 200)) {
      HandlerChecks.assertCleanOutcome(handler, mutation, Duration.ofSeconds(10));
    }
  }

  /** A one-page PDF, written object by object, whose page draws {@code content} (deflated). */
  private static byte[] pdfWithContent(String content) {
    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
    try (DeflaterOutputStream out =
        new DeflaterOutputStream(deflated, new Deflater(Deflater.BEST_COMPRESSION))) {
      out.write(content.getBytes(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<byte[]> objects =
        List.of(
            ascii("<< /Type /Catalog /Pages 2 0 R >>"),
            ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            ascii(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                    + " /Resources << /Font << /F1 5 0 R >> >> >>"),
            concat(
                ascii("<< /Length " + deflated.size() + " /Filter /FlateDecode >>\nstream\n"),
                deflated.toByteArray(),
                ascii("\nendstream")),
            ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    pdf.writeBytes(ascii("%PDF-1.7\n"));
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(pdf.size());
      pdf.writeBytes(concat(ascii((i + 1) + " 0 obj\n"), objects.get(i), ascii("\nendobj\n")));
    }
    int xref = pdf.size();
    StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n");
    table.append("0000000000 65535 f \n");
    offsets.forEach(offset -> table.append("%010d 00000 n \n".formatted(offset)));
    table.append("trailer\n<< /Size " + (objects.size() + 1) + " /Root 1 0 R >>\n");
    table.append("startxref\n" + xref + "\n%%EOF\n");
    pdf.writeBytes(ascii(table.toString()));
    return pdf.toByteArray();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  private static byte[] protect(byte[] pdf, String userPassword) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("besitzer", userPassword, new AccessPermission());
      policy.setEncryptionKeyLength(128);
      document.protect(policy);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    }
  }

  private static byte[] sample() {
    try (InputStream in = PdfHandlerTest.class.getResourceAsStream("/samples/sample.pdf")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
