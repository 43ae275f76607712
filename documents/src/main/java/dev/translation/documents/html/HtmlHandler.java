package dev.translation.documents.html;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.FormatHandler;
import dev.translation.documents.InvalidDocumentException;
import dev.translation.documents.TextTranslation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.XmlDeclaration;
import org.jsoup.parser.Parser;

/**
 * HTML pages, read with jsoup the way a browser reads them (broken markup is repaired, never
 * refused).
 *
 * <p>Texts are the inline content of block-level elements (paragraphs, headings, list items, table
 * cells, captions, the title, labels, buttons, options, and text directly in a {@code div} or the
 * body), and the attributes people read: {@code alt}, {@code title}, {@code placeholder}, {@code
 * aria-label}, the {@code value} of submit and other button inputs, the {@code label} of options
 * and subtitle tracks, and the {@code content} of the description and title {@code <meta>} entries
 * (including Open Graph and Twitter cards). Scripts, styles, templates, SVG, MathML, code,
 * preformatted text, text areas, comments, every other attribute, and elements marked {@code
 * translate="no"} or {@code class="notranslate"} are left as they are. How texts are cut from the
 * page is described in {@link HtmlTexts}.
 *
 * <p>Inline markup inside a text (links, emphasis, spans, line breaks, images, inline code) is
 * carried through the translation as numbered placeholders ({@link
 * dev.translation.documents.inline.PlaceholderText}): restored around the translated words where
 * the translation keeps them, else kept with their original words at the end of the text, never
 * dropped. A {@code <br>} is a line break of the text instead, since the pipeline keeps a text's
 * lines through translation.
 *
 * <p>The translated page is written in the charset the page declared (or UTF-8), with characters
 * that charset cannot hold written as character references; the doctype and an XML declaration are
 * kept, and a German {@code lang} on the root element becomes {@code en}. Markup is written as
 * jsoup serialises it: attribute quotes and entity spelling may change, the element tree does not.
 */
public final class HtmlHandler implements FormatHandler {

  private static final Pattern GERMAN = Pattern.compile("(?i)de([-_].*)?");

  private final DocumentLimits limits;

  /** A handler that refuses documents beyond {@code limits}. */
  public HtmlHandler(DocumentLimits limits) {
    this.limits = limits;
  }

  @Override
  public DocumentFormat format() {
    return DocumentFormat.HTML;
  }

  @Override
  public List<String> texts(byte[] document) {
    return HtmlTexts.of(parse(document), limits).stream().map(HtmlText::text).toList();
  }

  @Override
  public byte[] translate(byte[] document, List<TextTranslation> translations) {
    Document page = parse(document);
    List<HtmlText> texts = HtmlTexts.of(page, limits);
    if (texts.size() != translations.size()) {
      throw new IllegalArgumentException(
          "the document has " + texts.size() + " texts but " + translations.size() + " came back");
    }
    for (int i = 0; i < texts.size(); i++) {
      texts.get(i).replaceWith(translations.get(i).text());
    }
    markEnglish(page);
    keepXmlDeclaration(page);
    Charset charset = page.outputSettings().charset();
    return page.outerHtml().getBytes(charset);
  }

  private Document parse(byte[] document) {
    // The parser prunes nesting past its maximum instead of failing; one level more than allowed
    // lets HtmlTexts see that the document was too deep and refuse it.
    Parser parser = Parser.htmlParser().setMaxDepth(limits.maxNestingDepth() + 1);
    Document page;
    try {
      page = Jsoup.parse(new ByteArrayInputStream(document), null, "", parser);
    } catch (IOException | RuntimeException e) {
      // jsoup repairs any markup; what it cannot read is undecodable input.
      throw new InvalidDocumentException("the file could not be read as HTML", e);
    }
    page.outputSettings().prettyPrint(false);
    return page;
  }

  private static void markEnglish(Document page) {
    for (Element root : page.children()) {
      for (String key : List.of("lang", "xml:lang")) {
        if (GERMAN.matcher(root.attr(key).trim()).matches()) {
          root.attr(key, "en");
        }
      }
    }
  }

  /**
   * jsoup's HTML parser reads an XHTML page's XML declaration as a comment; write it back as one.
   */
  private static void keepXmlDeclaration(Document page) {
    if (page.childNodeSize() > 0 && page.childNode(0) instanceof Comment comment) {
      if (comment.isXmlDeclaration()) {
        XmlDeclaration declaration = comment.asXmlDeclaration();
        if (declaration != null) {
          comment.replaceWith(declaration);
        }
      }
    }
  }
}
