package dev.translation.documents.office;

import static dev.translation.documents.office.OfficeFiles.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.HandlerChecks;
import dev.translation.documents.InvalidDocumentException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxHandlerTest {

  private static final byte[] SAMPLE = OfficeFiles.sample("sample.xlsx");
  private static final List<String> SAMPLE_TEXTS =
      List.of(
          "Produkt",
          "Menge",
          "Preis",
          "Lieferdatum",
          "Tisch aus Eiche",
          "Stuhl mit Lehne und Polster",
          "Summe",
          "Status",
          "Bemerkung",
          "Erledigt",
          "Die Lieferung kam pünktlich an.");

  private final XlsxHandler handler = new XlsxHandler(DocumentLimits.DEFAULTS);

  @Test
  void listsEachDistinctStringOnce() {
    assertThat(handler.texts(SAMPLE)).containsExactlyElementsOf(SAMPLE_TEXTS);
  }

  @Test
  void stringCellsAreTranslatedAndEverythingElseStays() throws Exception {
    byte[] translated = handler.translate(SAMPLE, HandlerChecks.marked(SAMPLE_TEXTS));

    try (XSSFWorkbook before = open(SAMPLE);
        XSSFWorkbook after = open(translated)) {
      assertThat(after.getNumberOfSheets()).isEqualTo(2);
      assertThat(after.getSheetName(0)).isEqualTo("Umsatz");
      assertThat(after.getSheetName(1)).isEqualTo("Notizen");
      for (int s = 0; s < 2; s++) {
        List<Cell> original = cells(before.getSheetAt(s));
        List<Cell> cells = cells(after.getSheetAt(s));
        assertThat(cells).hasSameSizeAs(original);
        for (int i = 0; i < cells.size(); i++) {
          Cell was = original.get(i);
          Cell is = cells.get(i);
          assertThat(is.getCellType()).as(is.getAddress().toString()).isEqualTo(was.getCellType());
          assertThat(is.getCellStyle().getIndex()).isEqualTo(was.getCellStyle().getIndex());
          switch (was.getCellType()) {
            case STRING ->
                assertThat(is.getStringCellValue()).isEqualTo("EN: " + was.getStringCellValue());
            case NUMERIC ->
                assertThat(is.getNumericCellValue()).isEqualTo(was.getNumericCellValue());
            case FORMULA -> assertThat(is.getCellFormula()).isEqualTo(was.getCellFormula());
            case BOOLEAN ->
                assertThat(is.getBooleanCellValue()).isEqualTo(was.getBooleanCellValue());
            default -> {}
          }
        }
      }
      XSSFSheet sales = after.getSheet("Umsatz");
      assertThat(sales.getRow(3).getCell(1).getCellFormula()).isEqualTo("SUM(B2:B3)");
      assertThat(sales.getRow(1).getCell(3).getLocalDateTimeCellValue())
          .isEqualTo(LocalDateTime.of(2024, 3, 15, 0, 0));
      XSSFSheet notes = after.getSheet("Notizen");
      assertThat(notes.getRow(1).getCell(0).getStringCellValue()).isEqualTo("EN: Erledigt");
      assertThat(notes.getRow(2).getCell(0).getStringCellValue()).isEqualTo("EN: Erledigt");
    }
  }

  @Test
  void richTextKeepsTheFontsOfItsRuns() throws Exception {
    byte[] translated = handler.translate(SAMPLE, HandlerChecks.marked(SAMPLE_TEXTS));

    try (XSSFWorkbook after = open(translated)) {
      XSSFRichTextString rich =
          after.getSheet("Umsatz").getRow(2).getCell(0).getRichStringCellValue();
      assertThat(rich.getString()).isEqualTo("EN: Stuhl mit Lehne und Polster");
      assertThat(rich.numFormattingRuns()).isEqualTo(3);
      int bold = rich.getString().indexOf("Lehne");
      assertThat(rich.getIndexOfFormattingRun(1)).isEqualTo(bold);
      assertThat(rich.getLengthOfFormattingRun(1)).isEqualTo("Lehne".length());
      assertThat(rich.getFontOfFormattingRun(1).getBold()).isTrue();
      assertThat(rich.getFontOfFormattingRun(0).getBold()).isFalse();
    }
  }

  @Test
  void inlineStringsAreTranslatedCellByCellWithTheirSurroundingSpace() throws Exception {
    byte[] workbook = streamedWorkbook();

    assertThat(handler.texts(workbook))
        .containsExactly("Erster Eintrag", "eingerückt", "Erster Eintrag");
    byte[] translated =
        handler.translate(
            workbook, HandlerChecks.translated(handler.texts(workbook), text -> "<" + text + ">"));

    try (XSSFWorkbook after = open(translated)) {
      Sheet sheet = after.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("<Erster Eintrag>");
      assertThat(sheet.getRow(0).getCell(1).getNumericCellValue()).isEqualTo(42.5);
      assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("  <eingerückt>");
      assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("<Erster Eintrag>");
    }
  }

  @Test
  void commentsAreLeftUntranslated() throws Exception {
    byte[] workbook = workbookWithComment();

    assertThat(handler.texts(workbook)).containsExactly("Preis");
    byte[] translated = handler.translate(workbook, HandlerChecks.marked(List.of("Preis")));

    try (XSSFWorkbook after = open(translated)) {
      XSSFCell cell = after.getSheetAt(0).getRow(0).getCell(0);
      assertThat(cell.getStringCellValue()).isEqualTo("EN: Preis");
      assertThat(cell.getCellComment().getString().getString()).isEqualTo("Bitte prüfen");
    }
  }

  @Test
  void aDoctypeInTheSharedStringsIsRefused() {
    String strings = entry(SAMPLE, "xl/sharedStrings.xml");
    String hostile =
        strings.replaceFirst(
            "\\?>", "?><!DOCTYPE sst [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>");
    byte[] workbook =
        OfficeFiles.replacing(
            SAMPLE, "xl/sharedStrings.xml", hostile.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> handler.texts(workbook))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void truncatedForeignOrWrongOfficeFilesAreInvalid() {
    assertThatThrownBy(() -> handler.texts(Arrays.copyOf(SAMPLE, SAMPLE.length - 100)))
        .isInstanceOf(InvalidDocumentException.class);
    assertThatThrownBy(() -> handler.texts(OfficeFiles.zip(Map.of("data.csv", "a;b"))))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("not a readable XLSX");
    assertThatThrownBy(() -> handler.texts(OfficeFiles.sample("sample.pptx")))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("the file is an office document, but in another format than XLSX");
  }

  @Test
  void moreTextsThanTheLimitAreRefusedNamingIt() {
    XlsxHandler strict = new XlsxHandler(new DocumentLimits(10, 200L << 20, 100, 256));

    assertThatThrownBy(() -> strict.texts(SAMPLE))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("more than 10 texts");
  }

  @Test
  void aTranslationCountThatDoesNotMatchIsAProgrammingError() {
    List<String> tooMany = new ArrayList<>(SAMPLE_TEXTS);
    tooMany.add("zu viel");

    assertThatThrownBy(() -> handler.translate(SAMPLE, HandlerChecks.marked(tooMany)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("11 texts but 12 translations");
  }

  @Test
  void mutatedFilesEndInACleanRejectionOrAResult() {
    for (byte[] mutation : HandlerChecks.mutations(SAMPLE, 31, 200)) {
      HandlerChecks.assertCleanOutcome(handler, mutation, Duration.ofSeconds(10));
    }
  }

  @Test
  void mutatedXmlInsideTheFileEndsInACleanRejectionOrAResult() {
    for (String part : List.of("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml")) {
      byte[] xml = entry(SAMPLE, part).getBytes(StandardCharsets.UTF_8);
      for (byte[] mutation : HandlerChecks.mutations(xml, 32, 100)) {
        byte[] workbook = OfficeFiles.replacing(SAMPLE, part, mutation);
        HandlerChecks.assertCleanOutcome(handler, workbook, Duration.ofSeconds(10));
      }
    }
  }

  private static List<Cell> cells(Sheet sheet) {
    List<Cell> cells = new ArrayList<>();
    for (Row row : sheet) {
      row.forEach(cells::add);
    }
    return cells;
  }

  /** A workbook as POI streams it: inline strings, one repeated, one indented, and a number. */
  private static byte[] streamedWorkbook() throws Exception {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook()) {
      Sheet sheet = workbook.createSheet("Daten");
      sheet.createRow(0).createCell(0).setCellValue("Erster Eintrag");
      sheet.getRow(0).createCell(1).setCellValue(42.5);
      sheet.createRow(1).createCell(0).setCellValue("  eingerückt");
      sheet.createRow(2).createCell(0).setCellValue("Erster Eintrag");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      byte[] bytes = out.toByteArray();
      assertThat(entry(bytes, "xl/worksheets/sheet1.xml")).contains("t=\"inlineStr\"");
      return bytes;
    }
  }

  private static byte[] workbookWithComment() throws Exception {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      XSSFSheet sheet = workbook.createSheet("Preise");
      Cell cell = sheet.createRow(0).createCell(0);
      cell.setCellValue("Preis");
      ClientAnchor anchor = workbook.getCreationHelper().createClientAnchor();
      Comment comment = sheet.createDrawingPatriarch().createCellComment(anchor);
      comment.setString(workbook.getCreationHelper().createRichTextString("Bitte prüfen"));
      cell.setCellComment(comment);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      return out.toByteArray();
    }
  }

  private static XSSFWorkbook open(byte[] xlsx) throws Exception {
    return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
  }
}
