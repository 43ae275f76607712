package dev.translation.documents.office;

import static dev.translation.documents.office.OfficeFiles.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.HandlerChecks;
import dev.translation.documents.InvalidDocumentException;
import dev.translation.documents.TextTranslation;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFGroupShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextRun;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.drawingml.x2006.main.CTTextField;

class PptxHandlerTest {

  private static final byte[] SAMPLE = OfficeFiles.sample("sample.pptx");
  private static final List<String> SAMPLE_TEXTS =
      List.of(
          "Unser Projekt im Überblick",
          "Wir übersetzen Dokumente automatisch ins Englische.",
          "Die Formatierung bleibt erhalten.",
          "Hier kurz erklären, warum das Projekt wichtig ist.",
          "Ergebnisse",
          "Quartal",
          "Bewertung",
          "Erstes Quartal",
          "Sehr gut",
          "Die Zahlen stammen aus dem Controlling.");

  private final PptxHandler handler = new PptxHandler(DocumentLimits.DEFAULTS);

  @Test
  void listsEachSlidesTextsThenItsSpeakerNotesInSlideOrder() {
    assertThat(handler.texts(SAMPLE)).containsExactlyElementsOf(SAMPLE_TEXTS);
  }

  @Test
  void translationReplacesEveryTextAndKeepsSlidesShapesAndTables() throws Exception {
    byte[] translated = handler.translate(SAMPLE, HandlerChecks.marked(SAMPLE_TEXTS));

    assertThat(handler.texts(translated))
        .containsExactlyElementsOf(SAMPLE_TEXTS.stream().map(text -> "EN: " + text).toList());
    try (XMLSlideShow before = open(SAMPLE);
        XMLSlideShow after = open(translated)) {
      assertThat(after.getSlides()).hasSameSizeAs(before.getSlides());
      for (int i = 0; i < before.getSlides().size(); i++) {
        XSLFSlide original = before.getSlides().get(i);
        XSLFSlide slide = after.getSlides().get(i);
        assertThat(slide.getShapes())
            .extracting(XSLFShape::getShapeName, shape -> shape.getClass())
            .containsExactlyElementsOf(
                original.getShapes().stream()
                    .map(shape -> tuple(shape.getShapeName(), shape.getClass()))
                    .toList());
        assertThat(slide.getNotes().getTextParagraphs().stream().flatMap(List::stream))
            .extracting(XSLFTextParagraph::getText)
            .filteredOn(text -> !text.isBlank())
            .allSatisfy(text -> assertThat(text).startsWith("EN: "));
      }
      XSLFTable table =
          after.getSlides().get(1).getShapes().stream()
              .filter(XSLFTable.class::isInstance)
              .map(XSLFTable.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(table.getNumberOfRows()).isEqualTo(2);
      assertThat(table.getNumberOfColumns()).isEqualTo(2);
      assertThat(table.getCell(1, 0).getText()).isEqualTo("EN: Erstes Quartal");
    }
  }

  @Test
  void runsKeepTheirFormatting() throws Exception {
    byte[] translated = handler.translate(SAMPLE, HandlerChecks.marked(SAMPLE_TEXTS));

    try (XMLSlideShow after = open(translated)) {
      XSLFTextShape body = (XSLFTextShape) after.getSlides().getFirst().getShapes().get(1);
      assertThat(body.getTextParagraphs().getFirst().getTextRuns())
          .extracting(XSLFTextRun::getRawText, XSLFTextRun::isBold, XSLFTextRun::getFontSize)
          .containsExactly(
              tuple("EN: Wir übersetzen Dokumente ", false, 32.0),
              tuple("automatisch", true, 32.0),
              tuple(" ins Englische.", false, 32.0));
    }
  }

  @Test
  void layoutsAndMastersAreLeftAsTheyWere() {
    byte[] translated = handler.translate(SAMPLE, HandlerChecks.marked(SAMPLE_TEXTS));

    for (String part :
        List.of(
            "ppt/slideLayouts/slideLayout1.xml",
            "ppt/slideMasters/slideMaster1.xml",
            "ppt/notesMasters/notesMaster1.xml")) {
      assertThat(entry(translated, part)).as(part).isEqualTo(entry(SAMPLE, part));
    }
  }

  @Test
  void groupedShapesLineBreaksAndFieldsAreHandled() throws Exception {
    byte[] presentation = presentationWithGroupedTextBox();

    assertThat(handler.texts(presentation)).containsExactly("Erste Zeile\nzweite Zeile", "Folie");
    byte[] translated =
        handler.translate(
            presentation,
            List.of(
                new TextTranslation("First line\nsecond line", true),
                new TextTranslation("Slide", true)));

    try (XMLSlideShow after = open(translated)) {
      XSLFGroupShape group = (XSLFGroupShape) after.getSlides().getFirst().getShapes().getFirst();
      List<XSLFTextParagraph> paragraphs =
          ((XSLFTextBox) group.getShapes().getFirst()).getTextParagraphs();
      assertThat(paragraphs.get(0).getText()).isEqualTo("First line\nsecond line");
      assertThat(paragraphs.get(0).getXmlObject().sizeOfBrArray()).isEqualTo(1);
      assertThat(paragraphs.get(0).getTextRuns())
          .filteredOn(run -> !run.getRawText().equals("\n"))
          .allSatisfy(run -> assertThat(run.isItalic()).isTrue());
      assertThat(paragraphs.get(1).getXmlObject().getRArray(0).getT()).isEqualTo("Slide ");
      assertThat(paragraphs.get(1).getXmlObject().getFldArray(0).getType()).isEqualTo("slidenum");
    }
  }

  @Test
  void truncatedForeignOrWrongOfficeFilesAreInvalid() {
    assertThatThrownBy(() -> handler.texts(Arrays.copyOf(SAMPLE, SAMPLE.length / 3)))
        .isInstanceOf(InvalidDocumentException.class);
    assertThatThrownBy(() -> handler.texts(OfficeFiles.zip(Map.of("slide.txt", "Hallo"))))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("not a readable PPTX");
    assertThatThrownBy(() -> handler.texts(OfficeFiles.sample("sample.docx")))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("the file is an office document, but in another format than PPTX");
  }

  @Test
  void aDoctypeInASlideIsRefused() {
    String slide = entry(SAMPLE, "ppt/slides/slide1.xml");
    String hostile =
        slide.replaceFirst(
            "\\?>", "?><!DOCTYPE p:sld [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>");
    byte[] presentation =
        OfficeFiles.replacing(
            SAMPLE, "ppt/slides/slide1.xml", hostile.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> handler.texts(presentation))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void moreTextsThanTheLimitAreRefusedNamingIt() {
    PptxHandler strict = new PptxHandler(new DocumentLimits(4, 200L << 20, 100, 256));

    assertThatThrownBy(() -> strict.texts(SAMPLE))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("more than 4 texts");
  }

  @Test
  void aTranslationCountThatDoesNotMatchIsAProgrammingError() {
    assertThatThrownBy(() -> handler.translate(SAMPLE, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 texts but 0 translations");
  }

  @Test
  void mutatedFilesEndInACleanRejectionOrAResult() {
    for (byte[] mutation : HandlerChecks.mutations(SAMPLE, 21, 200)) {
      HandlerChecks.assertCleanOutcome(handler, mutation, Duration.ofSeconds(10));
    }
  }

  @Test
  void mutatedXmlInsideTheFileEndsInACleanRejectionOrAResult() {
    byte[] slide = entry(SAMPLE, "ppt/slides/slide1.xml").getBytes(StandardCharsets.UTF_8);
    for (byte[] mutation : HandlerChecks.mutations(slide, 22, 200)) {
      byte[] presentation = OfficeFiles.replacing(SAMPLE, "ppt/slides/slide1.xml", mutation);
      HandlerChecks.assertCleanOutcome(handler, presentation, Duration.ofSeconds(10));
    }
  }

  /**
   * A slide with a group holding a text box: an italic paragraph with a line break, and a paragraph
   * of a run and a slide-number field.
   */
  private static byte[] presentationWithGroupedTextBox() throws Exception {
    try (XMLSlideShow show = new XMLSlideShow()) {
      XSLFGroupShape group = show.createSlide().createGroup();
      XSLFTextBox box = group.createTextBox();
      box.setAnchor(new Rectangle2D.Double(50, 50, 400, 200));
      XSLFTextParagraph lines = box.getTextParagraphs().getFirst();
      XSLFTextRun first = lines.addNewTextRun();
      first.setText("Erste Zeile");
      first.setItalic(true);
      lines.addLineBreak();
      XSLFTextRun second = lines.addNewTextRun();
      second.setText("zweite Zeile");
      second.setItalic(true);
      XSLFTextParagraph numbered = box.addNewTextParagraph();
      numbered.addNewTextRun().setText("Folie ");
      CTTextField field = numbered.getXmlObject().addNewFld();
      field.setId("{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}");
      field.setType("slidenum");
      field.setT("1");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      show.write(out);
      return out.toByteArray();
    }
  }

  private static XMLSlideShow open(byte[] pptx) throws Exception {
    return new XMLSlideShow(new ByteArrayInputStream(pptx));
  }
}
