package dev.translation.documents.pdf;

import dev.translation.documents.DocumentException;
import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.FormatHandler;
import dev.translation.documents.InvalidDocumentException;
import dev.translation.documents.TextTranslation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * PDF documents, read only: the texts are the PDF's paragraphs in reading order (PDFBox's text
 * sorted by position, grouped by {@link PdfParagraphs}). A PDF's layout cannot be rebuilt with
 * other text, so the translation comes back as a new document with one paragraph per text: a DOCX
 * with heading styles where the PDF set text larger ({@link #PdfHandler(DocumentLimits)}), or plain
 * text ({@link #toText}).
 *
 * <p>Reading order follows the position on the page, top to bottom, so text set in several columns
 * comes out line by line across the columns. {@link DocumentLimits#maxUnpackedBytes()} bounds how
 * much page content the PDF's compressed streams may unpack to.
 */
public final class PdfHandler implements FormatHandler {

  /** Sizes of heading levels 1 to 3 in the DOCX, in half-points. */
  private static final int[] HEADING_HALF_POINTS = {32, 28, 24};

  private final DocumentLimits limits;
  private final DocumentFormat output;

  /** A handler that writes translations as DOCX and enforces {@code limits}. */
  public PdfHandler(DocumentLimits limits) {
    this(limits, DocumentFormat.DOCX);
  }

  private PdfHandler(DocumentLimits limits, DocumentFormat output) {
    this.limits = limits;
    this.output = output;
  }

  /** A handler that writes translations as plain text, paragraphs apart by blank lines. */
  public static PdfHandler toText(DocumentLimits limits) {
    return new PdfHandler(limits, DocumentFormat.TEXT);
  }

  @Override
  public DocumentFormat format() {
    return DocumentFormat.PDF;
  }

  @Override
  public DocumentFormat outputFormat() {
    return output;
  }

  @Override
  public List<String> texts(byte[] document) {
    return paragraphs(document).stream().map(PdfParagraph::text).toList();
  }

  @Override
  public byte[] translate(byte[] document, List<TextTranslation> translations) {
    List<PdfParagraph> paragraphs = paragraphs(document);
    if (paragraphs.size() != translations.size()) {
      throw new IllegalArgumentException(
          "the PDF has "
              + paragraphs.size()
              + " texts but "
              + translations.size()
              + " translations came");
    }
    return output == DocumentFormat.TEXT ? plainText(translations) : docx(paragraphs, translations);
  }

  private List<PdfParagraph> paragraphs(byte[] document) {
    List<PdfLine> lines;
    // Scratch data PDFBox keeps stays in memory, and no more of it than the limit.
    var memory = MemoryUsageSetting.setupMainMemoryOnly(limits.maxUnpackedBytes()).streamCache;
    try (PDDocument pdf = Loader.loadPDF(document, "", null, null, memory)) {
      checkUnpackedContent(pdf);
      PdfLineCollector collector = new PdfLineCollector();
      collector.getText(pdf);
      lines = collector.lines();
    } catch (DocumentException e) {
      throw e;
    } catch (InvalidPasswordException e) {
      throw new InvalidDocumentException(
          "the PDF is protected by a password: send it without the password protection", e);
    } catch (IOException | RuntimeException e) {
      throw new InvalidDocumentException("the file is not a readable PDF", e);
    }
    List<PdfParagraph> paragraphs = PdfParagraphs.group(lines);
    if (paragraphs.isEmpty()) {
      throw new InvalidDocumentException(
          "the PDF contains no text to translate (a scanned document needs text recognition"
              + " first)");
    }
    if (paragraphs.size() > limits.maxTexts()) {
      throw new DocumentTooLargeException(
          "the PDF has more than "
              + limits.maxTexts()
              + " paragraphs, the most one document may have");
    }
    return paragraphs;
  }

  /**
   * Refuses pages whose content streams unpack to more than {@link
   * DocumentLimits#maxUnpackedBytes()} in all: a few kilobytes of PDF can inflate to gigabytes of
   * drawing instructions, which text extraction would otherwise read through.
   */
  private void checkUnpackedContent(PDDocument pdf) throws IOException {
    byte[] buffer = new byte[8192];
    long unpacked = 0;
    for (PDPage page : pdf.getPages()) {
      try (InputStream content = page.getContents()) {
        for (int read; (read = content.read(buffer)) > 0; ) {
          unpacked += read;
          if (unpacked > limits.maxUnpackedBytes()) {
            throw new DocumentTooLargeException(
                "the PDF's pages unpack to more than "
                    + (limits.maxUnpackedBytes() >> 20)
                    + " MiB of content, the most a document may unpack to");
          }
        }
      }
    }
  }

  private static byte[] plainText(List<TextTranslation> translations) {
    StringBuilder text = new StringBuilder();
    for (TextTranslation translation : translations) {
      if (!text.isEmpty()) {
        text.append("\n\n");
      }
      text.append(translation.text().strip());
    }
    return text.append('\n').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] docx(List<PdfParagraph> paragraphs, List<TextTranslation> translations) {
    try (XWPFDocument docx = new XWPFDocument()) {
      addHeadingStyles(docx);
      for (int i = 0; i < paragraphs.size(); i++) {
        XWPFParagraph paragraph = docx.createParagraph();
        int level = paragraphs.get(i).headingLevel();
        if (level > 0) {
          paragraph.setStyle("Heading" + level);
        }
        write(paragraph, translations.get(i).text().strip());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      docx.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing a DOCX in memory failed", e);
    }
  }

  /** The text as runs: tabs and line breaks in runs of their own, so their order is certain. */
  private static void write(XWPFParagraph paragraph, String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        paragraph.createRun().addBreak();
      }
      String[] cells = lines[i].split("\t", -1);
      for (int j = 0; j < cells.length; j++) {
        if (j > 0) {
          paragraph.createRun().addTab();
        }
        if (!cells[j].isEmpty()) {
          paragraph.createRun().setText(cells[j]);
        }
      }
    }
  }

  /** Word's built-in heading styles, which a new document does not define. */
  private static void addHeadingStyles(XWPFDocument docx) {
    XWPFStyles styles = docx.createStyles();
    for (int level = 1; level <= HEADING_HALF_POINTS.length; level++) {
      CTStyle style = CTStyle.Factory.newInstance();
      style.setStyleId("Heading" + level);
      style.setType(STStyleType.PARAGRAPH);
      style.addNewName().setVal("heading " + level);
      style.addNewQFormat();
      CTPPrGeneral paragraph = style.addNewPPr();
      paragraph.addNewKeepNext();
      paragraph.addNewSpacing().setBefore(BigInteger.valueOf(240));
      paragraph.addNewOutlineLvl().setVal(BigInteger.valueOf(level - 1));
      CTRPr run = style.addNewRPr();
      run.addNewB();
      run.addNewSz().setVal(BigInteger.valueOf(HEADING_HALF_POINTS[level - 1]));
      styles.addStyle(new XWPFStyle(style));
    }
  }
}
