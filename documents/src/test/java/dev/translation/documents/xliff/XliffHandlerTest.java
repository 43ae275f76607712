package dev.translation.documents.xliff;

import static dev.translation.documents.HandlerChecks.marked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.HandlerChecks;
import dev.translation.documents.InvalidDocumentException;
import dev.translation.documents.TextTranslation;
import dev.translation.documents.UnsupportedDocumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.Text;

class XliffHandlerTest {

  private static final String V12 = "urn:oasis:names:tc:xliff:document:1.2";
  private static final String V2 = "urn:oasis:names:tc:xliff:document:2.0";

  private final XliffHandler handler = new XliffHandler(DocumentLimits.DEFAULTS);

  @Test
  void theTextsOfAn12FileAreTheSourcesOfItsUnitsToTranslate() throws IOException {
    assertThat(handler.format()).isEqualTo(DocumentFormat.XLIFF);
    assertThat(handler.texts(sample("sample-1.2.xlf")))
        .containsExactly(
            "Ihr Warenkorb",
            "Sie haben <g1>3 Artikel</g1> im Warenkorb. Prüfen Sie die Angaben, bevor Sie"
                + " <g2>zur Kasse</g2> gehen.",
            "Ab 50 € liefern wir <x1/> versandkostenfrei.<x2/>Die Lieferzeit beträgt 2–3"
                + " Werktage.",
            "Es gelten unsere <x1/>Versandbedingungen<x2/> und die <g3>Widerrufsbelehrung</g3>.",
            "Fragen?",
            "Rufen Sie uns an.");
  }

  @Test
  void theTextsOfA2FileAreTheSourcesOfItsSegmentsToTranslate() throws IOException {
    assertThat(handler.texts(sample("sample-2.0.xlf")))
        .containsExactly(
            "Willkommen zurück, <g1>liebe Kundin, lieber Kunde</g1>!",
            "Sie sind als <x1/> angemeldet.",
            "Das Passwort ist falsch. <g1>Konto</g1> nach <x2/>fünf Versuchen<x3/> gesperrt.",
            "Bis bald.");
  }

  @Test
  void a12FileGetsTranslatedTargetsAndIsOtherwiseUnchanged() throws IOException {
    byte[] sample = sample("sample-1.2.xlf");

    byte[] translated = handler.translate(sample, marked(handler.texts(sample)));

    Document before = parse(sample);
    Document after = parse(translated);
    Set<String> translatedUnits =
        Set.of("title", "intro", "shipping.free", "shipping.terms", "help");
    for (String id : translatedUnits) {
      Element unit = byId(after, V12, "trans-unit", id);
      Element target = child(unit, V12, "target");
      assertThat(target.getAttribute("state")).as(id).isEqualTo("translated");
      assertThat(target.getAttribute("state-qualifier")).isEqualTo("mt-suggestion");
      assertThat(target.getAttribute("xml:lang")).isEqualTo("en");
      assertThat(target.getTextContent()).as(id).contains(HandlerChecks.MARK);
      Element source = child(unit, V12, id.equals("help") ? "seg-source" : "source");
      assertThat(withoutText(target).isEqualNode(withoutText(source)))
          .as("the inline codes of %s's target are its source's", id)
          .isTrue();
    }
    assertThat(child(byId(after, V12, "trans-unit", "intro"), V12, "target").getTextContent())
        .isEqualTo(
            "EN: Sie haben 3 Artikel im Warenkorb. Prüfen Sie die Angaben, bevor Sie zur Kasse"
                + " gehen.");
    assertThat(first(after, V12, "file").getAttribute("target-language")).isEqualTo("en");
    for (Document document : List.of(before, after)) {
      for (String id : translatedUnits) {
        Element unit = byId(document, V12, "trans-unit", id);
        Element target = child(unit, V12, "target");
        if (target != null) {
          unit.removeChild(target);
        }
      }
      first(document, V12, "file").removeAttribute("target-language");
      removeBlankText(document);
    }
    assertThat(after.isEqualNode(before))
        .as("the file without the targets written is the file that came in")
        .isTrue();
  }

  @Test
  void a2FileGetsTranslatedTargetsAndSegmentStatesAndIsOtherwiseUnchanged() throws IOException {
    byte[] sample = sample("sample-2.0.xlf");
    List<String> texts = handler.texts(sample);
    List<TextTranslation> translations = new ArrayList<>(marked(texts));
    translations.set(2, new TextTranslation(HandlerChecks.MARK + texts.get(2), false));

    byte[] translated = handler.translate(sample, translations);

    Document before = parse(sample);
    Document after = parse(translated);
    assertThat(after.getDocumentElement().getAttribute("trgLang")).isEqualTo("en");
    for (String id : List.of("s1", "s2", "s3", "s5")) {
      Element segment = byId(after, V2, "segment", id);
      Element target = child(segment, V2, "target");
      assertThat(target.getTextContent()).as(id).startsWith(HandlerChecks.MARK);
      assertThat(withoutText(target).isEqualNode(withoutText(child(segment, V2, "source"))))
          .as("the inline codes of %s's target are its source's", id)
          .isTrue();
    }
    assertThat(byId(after, V2, "segment", "s1").getAttribute("state")).isEqualTo("translated");
    assertThat(byId(after, V2, "segment", "s1").hasAttribute("subState")).isFalse();
    assertThat(byId(after, V2, "segment", "s3").getAttribute("state")).isEqualTo("initial");
    assertThat(byId(after, V2, "segment", "s3").getAttribute("subState"))
        .isEqualTo("dev.translation:incomplete");
    assertThat(child(byId(after, V2, "segment", "s3"), V2, "target").getTextContent())
        .doesNotContain("Outdated");
    assertThat(child(byId(after, V2, "segment", "s4"), V2, "target").getTextContent())
        .isEqualTo("Goodbye!");
    for (Document document : List.of(before, after)) {
      for (String id : List.of("s1", "s2", "s3", "s5")) {
        Element segment = byId(document, V2, "segment", id);
        Element target = child(segment, V2, "target");
        if (target != null) {
          segment.removeChild(target);
        }
        segment.removeAttribute("state");
        segment.removeAttribute("subState");
      }
      document.getDocumentElement().removeAttribute("trgLang");
      removeBlankText(document);
    }
    assertThat(after.isEqualNode(before))
        .as("the file without the targets and states written is the file that came in")
        .isTrue();
  }

  @Test
  void aSecondReadingOfTheTranslatedFileFindsTheSameTexts() throws IOException {
    for (String name : List.of("sample-1.2.xlf", "sample-2.0.xlf")) {
      byte[] sample = sample(name);
      List<String> texts = handler.texts(sample);

      assertThat(handler.texts(handler.translate(sample, marked(texts)))).isEqualTo(texts);
    }
  }

  @Test
  void anIncomplete12TranslationIsMarkedForReview() {
    byte[] file =
        xliff12("<trans-unit id=\"a\"><source>Zwei Sätze. Noch einer.</source></trans-unit>");

    byte[] translated =
        handler.translate(file, List.of(new TextTranslation("Two sentences. Noch einer.", false)));

    Element target = first(parse(translated), V12, "target");
    assertThat(target.getAttribute("state")).isEqualTo("needs-review-translation");
    assertThat(target.getTextContent()).isEqualTo("Two sentences. Noch einer.");
  }

  @Test
  void inlineCodesSurroundTheirTranslatedWords() {
    byte[] file =
        xliff12(
            "<trans-unit id=\"a\"><source>Sie haben <g id=\"1\" ctype=\"bold\">3 Artikel</g> im"
                + " <g id=\"2\" ctype=\"link\">Warenkorb</g>.<x id=\"3\"/></source></trans-unit>");
    assertThat(handler.texts(file))
        .containsExactly("Sie haben <g1>3 Artikel</g1> im <g2>Warenkorb</g2>.<x3/>");

    byte[] translated =
        handler.translate(file, complete("Your <g2>cart</g2> holds <g1>3 items</g1>.<x3/>"));

    assertThat(content(first(parse(translated), V12, "target")))
        .isEqualTo(
            "Your <g ctype=\"link\" id=\"2\">cart</g> holds <g ctype=\"bold\" id=\"1\">3"
                + " items</g>.<x id=\"3\"/>");
  }

  @Test
  void aCodeTheTranslationLostIsKeptInTheTargetWithItsOriginalContent() {
    byte[] file =
        xliff2(
            "<unit id=\"u\"><segment><source>Hallo <ph id=\"1\"/>, <pc id=\"2\">willkommen</pc>!"
                + "</source></segment></unit>");
    assertThat(handler.texts(file)).containsExactly("Hallo <x1/>, <g2>willkommen</g2>!");

    byte[] translated = handler.translate(file, complete("Hello, welcome!"));

    assertThat(content(first(parse(translated), V2, "target")))
        .isEqualTo("Hello, welcome! <ph id=\"1\"/> <pc id=\"2\">willkommen</pc>");
  }

  @Test
  void whitespaceIsCollapsedUnlessTheFileSaysItMatters() {
    byte[] file =
        xliff12(
            "<trans-unit id=\"a\"><source>\n    Ein langer\n    Satz.\n  </source></trans-unit>"
                + "<trans-unit id=\"b\"><source xml:space=\"preserve\">Zeile eins\nZeile zwei"
                + "</source></trans-unit>");

    assertThat(handler.texts(file)).containsExactly("Ein langer Satz.", "Zeile eins\nZeile zwei");
  }

  @Test
  void theDeclaredTargetLanguageIsKeptAndOtherLanguagesAreRefused() {
    byte[] british =
        ("<xliff version=\"1.2\" xmlns=\""
                + V12
                + "\"><file source-language=\"de\""
                + " target-language=\"en-GB\" original=\"x\" datatype=\"plaintext\"><body>"
                + "<trans-unit id=\"a\"><source>Farbe</source></trans-unit></body></file></xliff>")
            .getBytes(StandardCharsets.UTF_8);

    Document translated = parse(handler.translate(british, complete("Colour")));

    assertThat(first(translated, V12, "file").getAttribute("target-language")).isEqualTo("en-GB");
    assertThat(first(translated, V12, "target").getAttribute("xml:lang")).isEqualTo("en-GB");
    assertThatThrownBy(
            () ->
                handler.texts(
                    ("<xliff xmlns=\"" + V2 + "\" version=\"2.0\" srcLang=\"de\" trgLang=\"fr\"/>")
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("target language is not English");
    assertThatThrownBy(
            () ->
                handler.texts(
                    ("<xliff xmlns=\"" + V2 + "\" version=\"2.0\" srcLang=\"en-US\"/>")
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("source language is not German");
  }

  @Test
  void theVersionComesFromTheNamespaceOrElseTheVersionAttribute() {
    byte[] legacy =
        ("<xliff version=\"1.0\"><file source-language=\"de\"><body><trans-unit id=\"1\">"
                + "<source>Alt, aber gültig</source></trans-unit></body></file></xliff>")
            .getBytes(StandardCharsets.UTF_8);
    byte[] v21 =
        ("<xliff xmlns=\""
                + V2
                + "\" version=\"2.1\" srcLang=\"de\"><file id=\"f\"><unit"
                + " id=\"u\"><segment><source>Neu</source></segment></unit></file></xliff>")
            .getBytes(StandardCharsets.UTF_8);
    byte[] v22 =
        ("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.2\" version=\"2.2\" srcLang=\"de\">"
                + "<file id=\"f\"><unit id=\"u\"><segment><source>Neuer</source></segment></unit>"
                + "</file></xliff>")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(handler.texts(legacy)).containsExactly("Alt, aber gültig");
    assertThat(
            first(parse(handler.translate(legacy, complete("Old"))), null, "target")
                .getTextContent())
        .isEqualTo("Old");
    assertThat(handler.texts(v21)).containsExactly("Neu");
    assertThat(handler.texts(v22)).containsExactly("Neuer");
    assertThatThrownBy(
            () ->
                handler.texts(
                    "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:3.0\" version=\"3.0\"/>"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnsupportedDocumentException.class)
        .hasMessageContaining("XLIFF 1.2 and 2.x");
    assertThatThrownBy(() -> handler.texts("<svg/>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("not XLIFF");
  }

  @Test
  void theDeclaredCharsetIsKept() {
    byte[] file =
        ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><xliff version=\"1.2\" xmlns=\""
                + V12
                + "\"><file source-language=\"de\" original=\"x\" datatype=\"plaintext\"><body>"
                + "<trans-unit id=\"a\"><source>Größe</source></trans-unit></body></file></xliff>")
            .getBytes(StandardCharsets.ISO_8859_1);

    byte[] translated = handler.translate(file, complete("Size in € ä"));

    String written = new String(translated, StandardCharsets.ISO_8859_1);
    assertThat(written).startsWith("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>");
    assertThat(first(parse(translated), V12, "target").getTextContent()).isEqualTo("Size in € ä");
    assertThat(first(parse(translated), V12, "source").getTextContent()).isEqualTo("Größe");
  }

  @Test
  void aUnitWithoutSourceIsRefused() {
    assertThatThrownBy(() -> handler.texts(xliff12("<trans-unit id=\"a\"><target/></trans-unit>")))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("has no <source>");
  }

  @Test
  void aTranslationCountThatDiffersFromTheTextsIsRefused() throws IOException {
    byte[] sample = sample("sample-2.0.xlf");

    assertThatThrownBy(() -> handler.translate(sample, complete("Hello")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 texts but 1");
  }

  @Test
  void moreTextsThanTheLimitAreRefused() throws IOException {
    XliffHandler strict = new XliffHandler(new DocumentLimits(5, 1 << 20, 100, 64));

    assertThat(strict.texts(sample("sample-2.0.xlf"))).hasSize(4);
    assertThatThrownBy(() -> strict.texts(sample("sample-1.2.xlf")))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("more than 5 texts");
  }

  @Test
  void nestingDeeperThanTheLimitIsRefusedWithoutExhaustingTheStack() {
    XliffHandler strict = new XliffHandler(new DocumentLimits(100, 1 << 20, 100, 32));
    byte[] deep =
        xliff12(
            "<trans-unit id=\"a\"><source>"
                + "<g id=\"1\">".repeat(100_000)
                + "tief"
                + "</g>".repeat(100_000)
                + "</source></trans-unit>");
    byte[] shallow =
        xliff12(
            "<trans-unit id=\"a\"><source>"
                + "<g id=\"1\">".repeat(26)
                + "flach"
                + "</g>".repeat(26)
                + "</source></trans-unit>");

    assertThatThrownBy(() -> strict.texts(deep))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("more than 32 levels");
    assertThat(strict.texts(shallow)).hasSize(1);
  }

  @Test
  void malformedXmlIsRefusedWithWhereItBreaks() {
    assertThatThrownBy(
            () -> handler.texts(xliff12("<trans-unit id=\"a\"><source>offen</trans-unit>")))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageMatching("the file is not well-formed XML \\(line \\d+, column \\d+\\)");
    assertThatThrownBy(() -> handler.texts(new byte[0]))
        .isInstanceOf(InvalidDocumentException.class);
    assertThatThrownBy(() -> handler.texts(new byte[] {'<', 'x', (byte) 0xC3, '/', '>'}))
        .isInstanceOf(InvalidDocumentException.class);
    assertThatThrownBy(() -> handler.texts("Hallo".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidDocumentException.class);
  }

  @Test
  void mutated12SamplesAreReadOrRefusedCleanly() throws IOException {
    for (byte[] mutation : HandlerChecks.mutations(sample("sample-1.2.xlf"), 1_2, 300)) {
      HandlerChecks.assertCleanOutcome(handler, mutation, Duration.ofSeconds(5));
    }
  }

  @Test
  void mutated2SamplesAreReadOrRefusedCleanly() throws IOException {
    for (byte[] mutation : HandlerChecks.mutations(sample("sample-2.0.xlf"), 2_0, 300)) {
      HandlerChecks.assertCleanOutcome(handler, mutation, Duration.ofSeconds(5));
    }
  }

  static byte[] sample(String name) throws IOException {
    try (InputStream in = XliffHandlerTest.class.getResourceAsStream("/samples/" + name)) {
      return in.readAllBytes();
    }
  }

  static byte[] xliff12(String units) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\""
            + V12
            + "\"><file source-language=\"de\" original=\"x\" datatype=\"plaintext\"><body>"
            + units
            + "</body></file></xliff>")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] xliff2(String units) {
    return ("<xliff xmlns=\""
            + V2
            + "\" version=\"2.0\" srcLang=\"de\"><file id=\"f\">"
            + units
            + "</file></xliff>")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static List<TextTranslation> complete(String... translations) {
    return HandlerChecks.translated(List.of(translations), UnaryOperator.identity());
  }

  static Document parse(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (Exception e) {
      throw new AssertionError("the output is not XML", e);
    }
  }

  private static Element first(Document document, String ns, String name) {
    NodeList found = document.getElementsByTagNameNS(ns == null ? "*" : ns, name);
    return (Element) found.item(0);
  }

  private static Element byId(Document document, String ns, String name, String id) {
    NodeList found = document.getElementsByTagNameNS(ns, name);
    for (int i = 0; i < found.getLength(); i++) {
      Element element = (Element) found.item(i);
      if (element.getAttribute("id").equals(id)) {
        return element;
      }
    }
    throw new AssertionError("no <" + name + " id=\"" + id + "\">");
  }

  private static Element child(Element parent, String ns, String name) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element
          && name.equals(element.getLocalName())
          && ns.equals(element.getNamespaceURI())) {
        return element;
      }
    }
    return null;
  }

  /** The element's inline content as XML, without namespace declarations. */
  private static String content(Element element) {
    StringBuilder out = new StringBuilder();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Text text) {
        out.append(text.getData());
      } else if (child instanceof Element code) {
        out.append('<').append(code.getLocalName());
        for (int i = 0; i < code.getAttributes().getLength(); i++) {
          Node attribute = code.getAttributes().item(i);
          out.append(' ')
              .append(attribute.getNodeName())
              .append("=\"")
              .append(attribute.getNodeValue())
              .append('"');
        }
        if (code.hasChildNodes()) {
          out.append('>')
              .append(content(code))
              .append("</")
              .append(code.getLocalName())
              .append('>');
        } else {
          out.append("/>");
        }
      }
    }
    return out.toString();
  }

  /** A copy of {@code element}'s inline codes alone: its name and attributes stripped, no text. */
  private static Node withoutText(Element element) {
    Element copy = element.getOwnerDocument().createElementNS(V12, "codes");
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (!(child instanceof Text)) {
        Node code = child.cloneNode(true);
        removeText(code);
        copy.appendChild(code);
      }
    }
    return copy;
  }

  private static void removeText(Node node) {
    for (Node child = node.getFirstChild(); child != null; ) {
      Node next = child.getNextSibling();
      if (child instanceof Text) {
        node.removeChild(child);
      } else {
        removeText(child);
      }
      child = next;
    }
  }

  private static void removeBlankText(Node node) {
    for (Node child = node.getFirstChild(); child != null; ) {
      Node next = child.getNextSibling();
      if (child instanceof Text text && text.getData().isBlank()) {
        node.removeChild(child);
      } else {
        removeBlankText(child);
      }
      child = next;
    }
  }
}
