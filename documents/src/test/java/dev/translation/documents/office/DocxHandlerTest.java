package dev.translation.documents.office;

import static dev.translation.documents.office.OfficeFiles.count;
import static dev.translation.documents.office.OfficeFiles.docx;
import static dev.translation.documents.office.OfficeFiles.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.HandlerChecks;
import dev.translation.documents.InvalidDocumentException;
import dev.translation.documents.TextTranslation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHyperlinkRun;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.junit.jupiter.api.Test;

class DocxHandlerTest {

  private static final byte[] SAMPLE = OfficeFiles.sample("sample.docx");
  private static final List<String> SAMPLE_TEXTS =
      List.of(
          "Jahresbericht 2024",
          "Das Jahr 2024 war für unser Unternehmen sehr erfolgreich, und wir haben viele neue"
              + " Kunden gewonnen.",
          "Unsere Ziele",
          "Wir wollen den Umsatz steigern.",
          "Wir wollen neue Märkte erschließen.",
          "Wir wollen die Kundenzufriedenheit verbessern.",
          "Zahlen im Überblick",
          "Bereich",
          "Ergebnis",
          "Vertrieb",
          "Der Umsatz ist deutlich gestiegen.",
          "Einkauf",
          "Die Kosten sind leicht gesunken.",
          "Weitere Informationen finden Sie auf unserer Webseite.",
          "Mit freundlichen Grüßen",
          "Dieser Kasten enthält einen Hinweis.",
          "Jahresbericht der Musterfirma GmbH",
          "Vertraulich – nur für den internen Gebrauch – Seite",
          "Alle Zahlen sind vorläufig und noch nicht geprüft.");

  private final DocxHandler handler = new DocxHandler(DocumentLimits.DEFAULTS);

  @Test
  void listsBodyListTableTextBoxHeaderFooterAndFootnoteParagraphsInOrder() {
    assertThat(handler.texts(SAMPLE)).containsExactlyElementsOf(SAMPLE_TEXTS);
  }

  @Test
  void translationReplacesEveryTextAndKeepsTheDocumentsStructure() throws Exception {
    byte[] translated = handler.translate(SAMPLE, HandlerChecks.marked(SAMPLE_TEXTS));

    assertThat(handler.texts(translated))
        .containsExactlyElementsOf(SAMPLE_TEXTS.stream().map(text -> "EN: " + text).toList());
    try (XWPFDocument before = open(SAMPLE);
        XWPFDocument after = open(translated)) {
      assertThat(after.getBodyElements())
          .extracting(IBodyElement::getElementType)
          .containsExactlyElementsOf(
              before.getBodyElements().stream().map(IBodyElement::getElementType).toList());
      assertThat(after.getParagraphs())
          .extracting(XWPFParagraph::getStyleID, XWPFParagraph::getNumID)
          .containsExactlyElementsOf(
              before.getParagraphs().stream()
                  .map(p -> tuple(p.getStyleID(), p.getNumID()))
                  .toList());
      XWPFTable table = after.getTables().getFirst();
      assertThat(table.getRows()).hasSize(3);
      assertThat(table.getRows())
          .allSatisfy(
              row ->
                  assertThat(row.getTableCells())
                      .hasSize(2)
                      .extracting(XWPFTableCell::getText)
                      .allSatisfy(text -> assertThat(text).startsWith("EN: ")));
      assertThat(
              table.getRow(0).getCell(0).getParagraphs().getFirst().getRuns().getFirst().isBold())
          .isTrue();
      assertThat(after.getHeaderList().getFirst().getText())
          .isEqualToIgnoringNewLines("EN: Jahresbericht der Musterfirma GmbH");
      assertThat(after.getFootnotes())
          .anySatisfy(
              note ->
                  assertThat(note.getParagraphs().getFirst().getText())
                      .isEqualTo("EN: Alle Zahlen sind vorläufig und noch nicht geprüft."));
    }
  }

  @Test
  void runsKeepTheirFormattingAndTheLinkItsTarget() throws Exception {
    byte[] translated = handler.translate(SAMPLE, HandlerChecks.marked(SAMPLE_TEXTS));

    try (XWPFDocument after = open(translated)) {
      XWPFParagraph sentence = after.getParagraphs().get(1);
      assertThat(sentence.getRuns())
          .filteredOn(DocxHandlerTest::hasText)
          .extracting(XWPFRun::text, XWPFRun::isBold, XWPFRun::isItalic)
          .containsExactly(
              tuple("EN: Das Jahr 2024 war für unser Unternehmen ", false, false),
              tuple("sehr erfolgreich", true, false),
              tuple(", und wir haben ", false, false),
              tuple("viele neue Kunden", false, true),
              tuple(" gewonnen.", false, false));
      XWPFParagraph linking = after.getParagraphs().get(7);
      assertThat(linking.getRuns())
          .filteredOn(XWPFHyperlinkRun.class::isInstance)
          .singleElement()
          .satisfies(
              run -> {
                assertThat(run.text()).isEqualTo("unserer Webseite");
                assertThat(((XWPFHyperlinkRun) run).getHyperlink(after).getURL())
                    .isEqualTo("https://example.com/bericht");
              });
    }
  }

  @Test
  void aRealTranslationIsSpreadOverTheRunsAtWordBoundaries() throws Exception {
    Map<String, String> english =
        Map.of(
            SAMPLE_TEXTS.get(1),
            "The year 2024 was very successful for our company, and we won many new customers.",
            SAMPLE_TEXTS.get(13),
            "More information can be found on our website.");
    byte[] translated =
        handler.translate(
            SAMPLE,
            HandlerChecks.translated(SAMPLE_TEXTS, text -> english.getOrDefault(text, text)));

    try (XWPFDocument after = open(translated)) {
      XWPFParagraph sentence = after.getParagraphs().get(1);
      assertThat(
              sentence.getRuns().stream()
                  .filter(DocxHandlerTest::hasText)
                  .map(XWPFRun::text)
                  .reduce("", String::concat))
          .isEqualTo(english.get(SAMPLE_TEXTS.get(1)));
      assertThat(sentence.getRuns())
          .filteredOn(XWPFRun::isBold)
          .singleElement()
          .extracting(XWPFRun::text)
          .asString()
          .isNotBlank();
      XWPFParagraph linking = after.getParagraphs().get(7);
      assertThat(linking.getRuns())
          .extracting(XWPFRun::text)
          .containsExactly("More information can be found ", "on our website", ".");
    }
  }

  @Test
  void theTextBoxAndItsFallbackForOlderWordVersionsAreBothTranslated() {
    byte[] translated = handler.translate(SAMPLE, HandlerChecks.marked(SAMPLE_TEXTS));

    String body = entry(translated, "word/document.xml");
    assertThat(count(entry(SAMPLE, "word/document.xml"), "Dieser Kasten enthält")).isEqualTo(2);
    assertThat(count(body, "EN: Dieser Kasten enthält einen Hinweis.")).isEqualTo(2);
  }

  @Test
  void fieldsKeepTheirCodesAndResultsWhileLinkFieldTextIsTranslated() {
    byte[] document =
        docx(
            """
            <w:p><w:r><w:t xml:space="preserve">Seite </w:t></w:r>\
            <w:r><w:fldChar w:fldCharType="begin"/></w:r>\
            <w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>\
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>\
            <w:r><w:fldChar w:fldCharType="end"/></w:r>\
            <w:r><w:t xml:space="preserve"> von </w:t></w:r>\
            <w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>9</w:t></w:r></w:fldSimple></w:p>\
            <w:p><w:r><w:t xml:space="preserve">Siehe </w:t></w:r>\
            <w:r><w:fldChar w:fldCharType="begin"/></w:r>\
            <w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.com" </w:instrText></w:r>\
            <w:r><w:fldChar w:fldCharType="separate"/></w:r>\
            <w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>unsere Seite</w:t></w:r>\
            <w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>""");

    assertThat(handler.texts(document)).containsExactly("Seite von", "Siehe unsere Seite");
    byte[] translated =
        handler.translate(
            document,
            List.of(
                new TextTranslation("Page of", true), new TextTranslation("See our page", true)));

    String body = entry(translated, "word/document.xml");
    assertThat(body)
        .contains("<w:t xml:space=\"preserve\">Page </w:t>")
        .contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>")
        .contains("<w:t>3</w:t>")
        .contains("<w:t xml:space=\"preserve\"> of </w:t>")
        .contains("<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>9</w:t></w:r></w:fldSimple>")
        .contains("HYPERLINK \"https://example.com\"")
        .contains("<w:rPr><w:u w:val=\"single\"/></w:rPr><w:t>our page</w:t>");
  }

  @Test
  void nestedTablesAreTranslatedCellByCell() throws Exception {
    byte[] document =
        docx(
            """
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Außen</w:t></w:r></w:p>\
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Innen</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
            <w:p/></w:tc></w:tr></w:tbl>""");

    assertThat(handler.texts(document)).containsExactly("Außen", "Innen");
    byte[] translated =
        handler.translate(document, HandlerChecks.marked(List.of("Außen", "Innen")));

    try (XWPFDocument after = open(translated)) {
      XWPFTableCell outer = after.getTables().getFirst().getRow(0).getCell(0);
      assertThat(outer.getParagraphs().getFirst().getText()).isEqualTo("EN: Außen");
      assertThat(outer.getTables().getFirst().getRow(0).getCell(0).getText())
          .isEqualTo("EN: Innen");
    }
  }

  @Test
  void tabsAndLineBreaksAreTextWhilePageBreaksAndDeletionsStay() {
    byte[] document =
        docx(
            """
            <w:p><w:r><w:t>Name:</w:t><w:tab/><w:t>Max</w:t><w:br/><w:t>Ort:</w:t>\
            <w:br w:type="page"/></w:r>\
            <w:del w:id="1" w:author="A"><w:r><w:delText>gelöscht</w:delText></w:r></w:del>\
            <w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve"> Berlin</w:t></w:r></w:ins></w:p>""");

    assertThat(handler.texts(document)).containsExactly("Name:\tMax\nOrt: Berlin");
    byte[] translated =
        handler.translate(document, List.of(new TextTranslation("Name:\tMax\nCity: Berlin", true)));

    assertThat(entry(translated, "word/document.xml"))
        .contains(
            "<w:t>Name:</w:t><w:tab/><w:t>Max</w:t><w:br/><w:t>City:</w:t><w:br w:type=\"page\"/>")
        .contains("<w:delText>gelöscht</w:delText>")
        .contains("<w:t xml:space=\"preserve\"> Berlin</w:t>");
  }

  @Test
  void aDoctypeWithAnExternalEntityIsRefused() {
    byte[] document =
        OfficeFiles.docxWithDocument(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE w:document [<!ENTITY secret SYSTEM"
                + " \"file:///etc/passwd\">]>\n<w:document "
                + OfficeFiles.WORD_NAMESPACES
                + "><w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>");

    assertThatThrownBy(() -> handler.texts(document))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("DOCTYPE")
        .hasMessageNotContaining("root:");
  }

  @Test
  void aDoctypeInThePackageStructureThatPoiReadsIsRefusedToo() {
    String types = entry(SAMPLE, "[Content_Types].xml");
    String hostile =
        types.replaceFirst(
            "\\?>", "?><!DOCTYPE Types [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>");
    byte[] document =
        OfficeFiles.replacing(
            SAMPLE, "[Content_Types].xml", hostile.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> handler.texts(document)).isInstanceOf(InvalidDocumentException.class);
  }

  @Test
  void entityExpansionIsRefusedBeforeItStarts() {
    StringBuilder laughs = new StringBuilder("<!ENTITY a0 \"ha\">");
    for (int i = 1; i < 10; i++) {
      laughs.append(
          "<!ENTITY a%d \"&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;\">"
              .formatted(i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1));
    }
    byte[] document =
        OfficeFiles.docxWithDocument(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE w:document ["
                + laughs
                + "]>\n<w:document "
                + OfficeFiles.WORD_NAMESPACES
                + "><w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>");

    assertThatThrownBy(() -> handler.texts(document))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void aZipBombIsRefusedBeforeItIsUnpacked() throws Exception {
    byte[] bomb = OfficePackageGuardTest.archive("word/document.xml", new byte[50 << 20], 1);

    assertThatThrownBy(() -> handler.texts(bomb))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("zip bomb");
  }

  @Test
  void truncatedOrDamagedFilesAreInvalid() {
    byte[] truncated = Arrays.copyOf(SAMPLE, SAMPLE.length / 2);
    byte[] damagedXml = docx("<w:p><w:r><w:t>offen</w:r></w:p>"); // a w:t that is never closed

    assertThatThrownBy(() -> handler.texts(truncated)).isInstanceOf(InvalidDocumentException.class);
    assertThatThrownBy(() -> handler.texts(damagedXml))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("the DOCX is damaged: one of its parts is not well-formed XML");
  }

  @Test
  void aZipThatIsNoOfficeDocumentOrAnotherOfficeFormatIsInvalid() {
    byte[] zip = OfficeFiles.zip(Map.of("notes.txt", "Hallo"));

    assertThatThrownBy(() -> handler.texts(zip))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("not a readable DOCX");
    assertThatThrownBy(() -> handler.texts(OfficeFiles.sample("sample.pptx")))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("the file is an office document, but in another format than DOCX");
  }

  @Test
  void moreTextsThanTheLimitAreRefusedNamingIt() {
    DocxHandler strict = new DocxHandler(new DocumentLimits(5, 200L << 20, 100, 256));

    assertThatThrownBy(() -> strict.texts(SAMPLE))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("more than 5 texts");
  }

  @Test
  void xmlNestedDeeperThanTheLimitIsRefused() {
    DocxHandler shallow = new DocxHandler(new DocumentLimits(100, 200L << 20, 100, 8));

    assertThatThrownBy(() -> shallow.texts(SAMPLE))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("deeper than 8 levels");
  }

  @Test
  void aTranslationCountThatDoesNotMatchIsAProgrammingError() {
    assertThatThrownBy(
            () -> handler.translate(SAMPLE, HandlerChecks.marked(SAMPLE_TEXTS.subList(0, 3))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("19 texts but 3 translations");
  }

  @Test
  void mutatedFilesEndInACleanRejectionOrAResult() {
    for (byte[] mutation : HandlerChecks.mutations(SAMPLE, 12, 200)) {
      HandlerChecks.assertCleanOutcome(handler, mutation, Duration.ofSeconds(10));
    }
  }

  @Test
  void mutatedXmlInsideTheFileEndsInACleanRejectionOrAResult() {
    byte[] body = entry(SAMPLE, "word/document.xml").getBytes(StandardCharsets.UTF_8);
    for (byte[] mutation : HandlerChecks.mutations(body, 13, 200)) {
      byte[] document = OfficeFiles.replacing(SAMPLE, "word/document.xml", mutation);
      HandlerChecks.assertCleanOutcome(handler, document, Duration.ofSeconds(10));
    }
  }

  /** Whether the run holds text (not just a footnote mark, which POI also renders as text). */
  private static boolean hasText(XWPFRun run) {
    return run.getCTR().sizeOfTArray() > 0;
  }

  private static XWPFDocument open(byte[] docx) throws Exception {
    return new XWPFDocument(new ByteArrayInputStream(docx));
  }
}
