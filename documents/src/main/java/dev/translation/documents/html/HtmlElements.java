package dev.translation.documents.html;

import java.util.Set;
import org.jsoup.nodes.Element;

/** What the HTML handler does with each kind of element, by tag name and attributes. */
final class HtmlElements {

  /**
   * Elements that end a text: a text never runs across them. Besides the blocks of the HTML
   * rendering model, form controls and media are here, so a button, a label, an option or a video's
   * fallback text is a text of its own.
   */
  private static final Set<String> BLOCK_LEVEL =
      names(
          """
          html head body title address article aside blockquote center details dialog dd dir div
          dl dt fieldset figcaption figure footer form frameset frame noframes h1 h2 h3 h4 h5 h6
          header hgroup hr li main menu nav ol p pre listing xmp plaintext search section table
          caption colgroup col thead tbody tfoot tr td th ul summary legend option optgroup
          select datalist button label textarea output noscript audio video object canvas iframe
          noembed
          """);

  /** Neither content nor attributes are text: code, styles, and vector graphics or formulas. */
  private static final Set<String> EXCLUDED = Set.of("script", "style", "template", "svg", "math");

  /** Content kept exactly as written (code, preformatted text, form input); attributes are text. */
  private static final Set<String> CONTENT_KEPT =
      names("pre listing xmp plaintext code kbd samp var textarea iframe noembed");

  /** Attributes people read: image descriptions, tooltips, input hints, screen-reader labels. */
  private static final Set<String> TEXT_ATTRIBUTES =
      Set.of("alt", "title", "placeholder", "aria-label");

  /** {@code <meta>} entries whose {@code content} is shown to people (search results, shares). */
  private static final Set<String> TEXT_METADATA =
      names("description og:description og:title twitter:description twitter:title");

  /** Input types whose {@code value} is the button's caption. */
  private static final Set<String> BUTTON_INPUTS = Set.of("submit", "button", "reset");

  private HtmlElements() {}

  private static Set<String> names(String spaceSeparated) {
    return Set.of(spaceSeparated.strip().split("\\s+"));
  }

  static boolean isBlockLevel(Element element) {
    return BLOCK_LEVEL.contains(element.normalName());
  }

  /**
   * Not translated at all, not even attributes: code and graphics, and what its author marked
   * {@code translate="no"} (HTML) or {@code class="notranslate"} (the convention of translation
   * tools). A {@code translate="yes"} inside such an element is not looked for.
   */
  static boolean isExcluded(Element element) {
    return EXCLUDED.contains(element.normalName())
        || element.attr("translate").trim().equalsIgnoreCase("no")
        || element.hasClass("notranslate");
  }

  /** Translated neither itself nor below: excluded, or content that is code or user input. */
  static boolean isSealed(Element element) {
    return isExcluded(element) || CONTENT_KEPT.contains(element.normalName());
  }

  static boolean hasContentKept(Element element) {
    return CONTENT_KEPT.contains(element.normalName());
  }

  /** Whether the attribute {@code key} of {@code element} holds text people read. */
  static boolean isTextAttribute(Element element, String key) {
    if (TEXT_ATTRIBUTES.contains(key)) {
      return true;
    }
    return switch (element.normalName()) {
      case "meta" ->
          key.equals("content")
              && (TEXT_METADATA.contains(lowerCase(element.attr("name")))
                  || TEXT_METADATA.contains(lowerCase(element.attr("property"))));
      case "input" ->
          key.equals("value") && BUTTON_INPUTS.contains(lowerCase(element.attr("type")));
      case "option", "optgroup", "track" -> key.equals("label");
      default -> false;
    };
  }

  private static String lowerCase(String value) {
    return value.trim().toLowerCase(java.util.Locale.ROOT);
  }
}
