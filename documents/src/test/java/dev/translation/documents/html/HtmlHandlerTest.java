package dev.translation.documents.html;

import static dev.translation.documents.HandlerChecks.marked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.HandlerChecks;
import dev.translation.documents.TextTranslation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

class HtmlHandlerTest {

  private static final Set<String> TEXT_ATTRIBUTES =
      Set.of("alt", "title", "placeholder", "aria-label", "content", "value");

  private final HtmlHandler handler = new HtmlHandler(DocumentLimits.DEFAULTS);

  @Test
  void theSampleTextsAreItsVisibleTextsAndTextAttributesInDocumentOrder() throws IOException {
    assertThat(handler.format()).isEqualTo(DocumentFormat.HTML);
    assertThat(handler.texts(sample()))
        .containsExactly(
            "Öffnungszeiten, Anfahrt und Kontakt der Stadtbibliothek Musterstadt.",
            "Besuchen Sie die Stadtbibliothek Musterstadt.",
            "Stadtbibliothek Musterstadt – Willkommen",
            "Logo der Stadtbibliothek",
            "Hauptnavigation",
            "Katalog durchsuchen",
            "Lesungen und Workshops",
            "Veranstaltungen",
            "Kontakt & Anfahrt",
            "Willkommen in der Stadtbibliothek",
            "Wir haben <g1>montags bis samstags</g1> geöffnet. Alle Termine finden Sie in unserem"
                + " <g2>Veranstaltungskalender</g2>.",
            "Der Ausweis kostet <x1/> im Jahr.\nFür Kinder ist er kostenlos.",
            "Geben Sie <x1/> gefolgt von der Nummer ein, um ein Buch zu finden. Die Suche nach"
                + " <script> liefert keine Treffer.",
            "Bitte beachten Sie: <g1>Die Rückgabe ist nur <g2>während der Öffnungszeiten</g2>"
                + " möglich.</g1>",
            "Öffnungszeiten",
            "Öffnungszeiten der Hauptstelle",
            "Tag",
            "Uhrzeit",
            "Montag bis Freitag",
            "Samstag",
            "Sonntag",
            "geschlossen",
            "Kontakt",
            "Ihr Name",
            "Vor- und Nachname",
            "Thema",
            "Ausleihe",
            "Fernleihe",
            "Ihre Nachricht an uns",
            "Nachricht senden",
            "Formular leeren",
            "Unsere Adresse: Hauptstraße 1, 12345 Musterstadt",
            "Parkplätze gibt es im Hof.",
            "© 2024 Stadtbibliothek Musterstadt · <g1>Impressum</g1> · <g2>Datenschutz</g2>");
  }

  @Test
  void theTranslatedSampleHasTheSameElementTreeWithEveryTextTranslated() throws IOException {
    byte[] sample = sample();
    List<String> texts = handler.texts(sample);

    byte[] translated = handler.translate(sample, marked(texts));

    assertThat(handler.texts(translated))
        .isEqualTo(marked(texts).stream().map(t -> t.text()).toList());
    Document before = parse(sample);
    Document after = parse(translated);
    Elements beforeElements = before.getAllElements();
    Elements afterElements = after.getAllElements();
    assertThat(afterElements).hasSameSizeAs(beforeElements);
    int translatedAttributes = 0;
    for (int i = 0; i < beforeElements.size(); i++) {
      Element original = beforeElements.get(i);
      Element copy = afterElements.get(i);
      assertThat(copy.normalName()).isEqualTo(original.normalName());
      assertThat(keys(copy)).isEqualTo(keys(original));
      for (Attribute attribute : original.attributes()) {
        String value = copy.attr(attribute.getKey());
        if (!value.equals(attribute.getValue()) && !attribute.getKey().equals("lang")) {
          assertThat(attribute.getKey()).isIn(TEXT_ATTRIBUTES);
          assertThat(value).isEqualTo(HandlerChecks.MARK + attribute.getValue());
          translatedAttributes++;
        }
      }
    }
    assertThat(translatedAttributes).isEqualTo(8);
    assertThat(after.selectFirst("html").attr("lang")).isEqualTo("en");
  }

  @Test
  void codeStylesScriptsCommentsAndUntranslatableElementsStayAsTheyWere() throws IOException {
    byte[] sample = sample();
    Document before = parse(sample);
    Document after = parse(handler.translate(sample, marked(handler.texts(sample))));

    String untouched =
        "script, style, pre, template, code, [translate=no], link, meta[name=viewport]";
    assertThat(outerHtml(after.select(untouched))).isEqualTo(outerHtml(before.select(untouched)));
    assertThat(after.select("textarea").text()).isEqualTo("Bitte hier nichts übersetzen.");
    assertThat(comments(after)).isEqualTo(comments(before)).isNotEmpty();
    assertThat(after.select("a").eachAttr("href")).isEqualTo(before.select("a").eachAttr("href"));
    assertThat(after.select("td:matches(^\\d)").eachText())
        .containsExactly("10:00–19:00", "10:00–14:00");
  }

  @Test
  void inlineElementsSurroundTheirTranslatedWords() {
    byte[] page =
        html(
            "<p>Wir haben <strong>montags</strong> geöffnet, siehe"
                + " <a href=\"/kalender\" class=\"k\">Kalender</a>.</p>");

    assertThat(handler.texts(page))
        .containsExactly("Wir haben <g1>montags</g1> geöffnet, siehe <g2>Kalender</g2>.");
    byte[] translated =
        handler.translate(
            page, complete("See the <g2>calendar</g2>: we are open on <g1>Mondays</g1>."));

    assertThat(body(translated))
        .isEqualTo(
            "<p>See the <a href=\"/kalender\" class=\"k\">calendar</a>: we are open on"
                + " <strong>Mondays</strong>.</p>");
  }

  @Test
  void anInlineElementWhosePlaceholderIsLostIsKeptWithItsOriginalWords() {
    byte[] page =
        html("<p>Lesen Sie <a href=\"/agb\">die <b>AGB</b></a> und <em>unterschreiben</em>.</p>");
    assertThat(handler.texts(page))
        .containsExactly("Lesen Sie <g1>die <g2>AGB</g2></g1> und <g3>unterschreiben</g3>.");

    assertThat(body(handler.translate(page, complete("Read the terms and sign."))))
        .isEqualTo(
            "<p>Read the terms and sign. <a href=\"/agb\">die <b>AGB</b></a>"
                + " <em>unterschreiben</em></p>");
    assertThat(
            body(
                handler.translate(
                    page,
                    complete("Read <g1>the <g2>terms</g2></g1> and <g3>sign</g3> <g3>.</g3>"))))
        .isEqualTo(
            "<p>Read <a href=\"/agb\">the <b>terms</b></a> and sign . <em>unterschreiben</em></p>");
  }

  @Test
  void aScriptInsideTextComesBackExactlyAndEscapedTextStaysEscaped() {
    String script = "<script>if (a < b && c > d) { document.write(\"<b>x</b>\"); }</script>";
    byte[] page = html("<p>Die Suche nach &lt;script&gt; " + script + "liefert nichts.</p>");
    assertThat(handler.texts(page)).containsExactly("Die Suche nach <script> <x1/>liefert nichts.");

    byte[] translated =
        handler.translate(page, complete("Searching for <script> <x1/>finds nothing."));

    assertThat(body(translated))
        .isEqualTo("<p>Searching for &lt;script&gt; " + script + "finds nothing.</p>");
  }

  @Test
  void lineBreaksAreLinesOfTheTextAndNeverLost() {
    byte[] page = html("<p>Hauptstraße 1<br class=\"z\">12345 Musterstadt<br>Deutschland</p>");
    assertThat(handler.texts(page))
        .containsExactly("Hauptstraße 1\n12345 Musterstadt\nDeutschland");

    assertThat(body(handler.translate(page, complete("Main Street 1\n12345 Sample Town\nGermany"))))
        .isEqualTo("<p>Main Street 1<br class=\"z\">12345 Sample Town<br>Germany</p>");
    assertThat(body(handler.translate(page, complete("Main Street 1, Sample Town, Germany"))))
        .isEqualTo("<p>Main Street 1, Sample Town, Germany<br class=\"z\"><br></p>");
  }

  @Test
  void blockChildrenSplitTextsAndWrappersAroundAWholeTextNeedNoPlaceholders() {
    byte[] page =
        html(
            "<div>Vorwort <p>Erster Absatz.</p> Nachwort</div>"
                + "<ul><li><a href=\"/\"><b>Startseite</b></a></li>"
                + "<li>Punkt <ul><li>Unterpunkt</li></ul></li></ul>"
                + "<p><a href=\"/\"><img src=\"i.png\"></a> » <a href=\"/weiter\">Weiter</a></p>");

    assertThat(handler.texts(page))
        .containsExactly(
            "Vorwort",
            "Erster Absatz.",
            "Nachwort",
            "Startseite",
            "Punkt",
            "Unterpunkt",
            "» <g1>Weiter</g1>");
    assertThat(body(handler.translate(page, marked(handler.texts(page)))))
        .isEqualTo(
            "<div>EN: Vorwort <p>EN: Erster Absatz.</p> EN: Nachwort</div>"
                + "<ul><li><a href=\"/\"><b>EN: Startseite</b></a></li>"
                + "<li>EN: Punkt <ul><li>EN: Unterpunkt</li></ul></li></ul>"
                + "<p><a href=\"/\"><img src=\"i.png\"></a> EN: » <a href=\"/weiter\">Weiter</a></p>");
  }

  @Test
  void onlyAttributesPeopleReadAreTexts() {
    byte[] page =
        html(
            "<img src=\"a.png\" alt=\"Ein Hund\" title=\"Foto: Anna\" class=\"bild\" data-info=\"Hund\">"
                + "<input type=\"submit\" value=\"Senden\"><input type=\"text\" value=\"Eingabe\">"
                + "<select><option label=\"Kurz\" value=\"lang\">Sehr lang</option></select>"
                + "<a href=\"/seite\" id=\"anker\" aria-label=\"Zur Seite\">Seite</a>");

    assertThat(handler.texts(page))
        .containsExactly(
            "Ein Hund", "Foto: Anna", "Senden", "Kurz", "Sehr lang", "Zur Seite", "Seite");
    Document translated = parse(handler.translate(page, marked(handler.texts(page))));
    assertThat(translated.selectFirst("img").attr("data-info")).isEqualTo("Hund");
    assertThat(translated.selectFirst("input[type=text]").attr("value")).isEqualTo("Eingabe");
    assertThat(translated.selectFirst("option").attr("value")).isEqualTo("lang");
    assertThat(translated.selectFirst("option").attr("label")).isEqualTo("EN: Kurz");
  }

  @Test
  void elementsMarkedNotToBeTranslatedKeepTheirTextAndAttributes() {
    byte[] page =
        html(
            "<p>Produkt <span translate=\"no\" title=\"Marke\">Blauer Engel</span> kaufen</p>"
                + "<p class=\"notranslate\">Firmenname GmbH</p>"
                + "<div translate=\"no\"><img alt=\"Logo der Firma\"><p>Interner Vermerk</p></div>");

    assertThat(handler.texts(page)).containsExactly("Produkt <x1/> kaufen");
    assertThat(body(handler.translate(page, complete("Buy product <x1/>"))))
        .startsWith(
            "<p>Buy product <span translate=\"no\" title=\"Marke\">Blauer Engel</span></p>"
                + "<p class=\"notranslate\">Firmenname GmbH</p>");
  }

  @Test
  void theOutputKeepsTheDeclaredCharsetAndWritesWhatItCannotHoldAsReferences() {
    String page =
        "<!DOCTYPE html><html><head><meta charset=\"ISO-8859-1\"><title>Preisübersicht</title>"
            + "</head><body><p>Größe</p></body></html>";
    byte[] latin1 = page.getBytes(StandardCharsets.ISO_8859_1);

    byte[] translated =
        handler.translate(
            latin1,
            List.of(new TextTranslation("Prices in €", true), new TextTranslation("Size ä", true)));

    String written = new String(translated, StandardCharsets.ISO_8859_1);
    assertThat(written)
        .startsWith("<!doctype html>")
        .contains("<title>Prices in &#x20ac;</title>")
        .contains("<p>Size ä</p>");
    assertThat(handler.texts(translated)).containsExactly("Prices in €", "Size ä");
  }

  @Test
  void withoutADeclaredCharsetTheOutputIsUtf8() {
    byte[] page = html("<p>Grüße</p>");

    byte[] translated = handler.translate(page, complete("Greetings €"));

    assertThat(new String(translated, StandardCharsets.UTF_8)).contains("<p>Greetings €</p>");
  }

  @Test
  void anXhtmlPageKeepsItsXmlDeclaration() {
    byte[] page =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""
                + " xml:lang=\"de\" lang=\"de-DE\"><body><p>Hallo</p></body></html>")
            .getBytes(StandardCharsets.UTF_8);

    String written = new String(handler.translate(page, complete("Hello")), StandardCharsets.UTF_8);

    assertThat(written)
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .contains("xml:lang=\"en\" lang=\"en\"")
        .contains("<p>Hello</p>");
  }

  @Test
  void brokenMarkupIsRepairedAsABrowserWouldAndTranslated() {
    byte[] page =
        html("<p>Erster Absatz<p>Zweiter <b>fett</p></i><td>Zelle</div><p>Ende <a href=x>offen");

    List<String> texts = handler.texts(page);

    assertThat(texts)
        .containsExactly("Erster Absatz", "Zweiter <g1>fett</g1>", "Zelle", "Ende <g1>offen</g1>");
    assertThat(handler.texts(handler.translate(page, marked(texts))))
        .isEqualTo(marked(texts).stream().map(TextTranslation::text).toList());
  }

  @Test
  void nestingDeeperThanTheLimitIsRefusedWithoutExhaustingTheStack() {
    DocumentLimits limits = new DocumentLimits(100, 1 << 20, 100, 64);
    HtmlHandler strict = new HtmlHandler(limits);
    byte[] deep = html("<div>".repeat(200_000) + "Tief");
    byte[] atTheLimit = html("<div>".repeat(62) + "Gerade noch");

    assertThatThrownBy(() -> strict.texts(deep))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("more than 64 levels");
    assertThat(strict.texts(atTheLimit)).containsExactly("Gerade noch");
    assertThatThrownBy(() -> strict.texts(html("<div>".repeat(63) + "Zu tief")))
        .isInstanceOf(DocumentTooLargeException.class);
  }

  @Test
  void moreTextsThanTheLimitAreRefused() {
    HtmlHandler strict = new HtmlHandler(new DocumentLimits(3, 1 << 20, 100, 64));

    assertThat(strict.texts(html("<p>Eins</p><p>Zwei</p><p>Drei</p>"))).hasSize(3);
    assertThatThrownBy(() -> strict.texts(html("<p>Eins</p><p>Zwei</p><p>Drei</p><p>Vier</p>")))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("more than 3 texts");
  }

  @Test
  void aTranslationCountThatDiffersFromTheTextsIsRefused() {
    byte[] page = html("<p>Eins</p><p>Zwei</p>");

    assertThatThrownBy(() -> handler.translate(page, complete("One")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 texts but 1");
  }

  @Test
  void mutatedSamplesAreReadOrRefusedCleanly() throws IOException {
    for (byte[] mutation : HandlerChecks.mutations(sample(), 20_241, 300)) {
      HandlerChecks.assertCleanOutcome(handler, mutation, Duration.ofSeconds(5));
    }
  }

  private static byte[] sample() throws IOException {
    try (InputStream in = HtmlHandlerTest.class.getResourceAsStream("/samples/sample.html")) {
      return in.readAllBytes();
    }
  }

  private static byte[] html(String body) {
    return ("<!DOCTYPE html><html><head></head><body>" + body + "</body></html>")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static List<TextTranslation> complete(String... translations) {
    return HandlerChecks.translated(List.of(translations), UnaryOperator.identity());
  }

  private static String body(byte[] page) {
    return parse(page).body().html();
  }

  private static Document parse(byte[] page) {
    Document document = Jsoup.parse(new String(page, StandardCharsets.UTF_8));
    document.outputSettings().prettyPrint(false);
    return document;
  }

  private static List<String> keys(Element element) {
    return element.attributes().asList().stream().map(Attribute::getKey).toList();
  }

  private static List<String> outerHtml(Elements elements) {
    return elements.stream().map(Element::outerHtml).toList();
  }

  private static List<String> comments(Document document) {
    List<String> comments = new ArrayList<>();
    document
        .getAllElements()
        .forEach(
            element ->
                element.childNodes().stream()
                    .filter(Comment.class::isInstance)
                    .forEach(node -> comments.add(((Comment) node).getData())));
    return comments;
  }
}
