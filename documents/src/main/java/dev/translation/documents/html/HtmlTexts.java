package dev.translation.documents.html;

import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.html.HtmlText.AttributeValue;
import dev.translation.documents.html.HtmlText.InlineRun;
import dev.translation.documents.inline.PlaceholderText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Finds the translatable texts of a parsed HTML document, in document order.
 *
 * <p>Every element that is not inline markup holds texts of its own: each run of inline content
 * (text and inline elements such as {@code <a>}, {@code <b>}, {@code <span>}) between two of its
 * block-level children is one text. Inline elements inside a run become placeholders; an inline
 * element without letters of its own (an image link, a bold number) and one whose content is code
 * is kept as it is. Such kept markup at either end of a run (an icon, a trailing line break) stays
 * outside the text, and a run that is wholly one inline element is that element's content, so a
 * navigation link or a bold table cell is translated without placeholders. Runs without letters
 * (prices, times, separators) are no texts.
 */
final class HtmlTexts {

  private static final Pattern HTML_WHITESPACE = Pattern.compile("[ \t\n\f\r]+");

  private final DocumentLimits limits;
  private final Set<Element> withLetters = identitySet();
  private final Set<Element> withBlocks = identitySet();
  private final List<HtmlText> texts = new ArrayList<>();

  /**
   * The runs of the container being walked, waiting for the walk to reach their first node: a
   * container's runs and its block children's texts alternate in document order.
   */
  private final Map<Node, InlineRun> runsByFirstNode = new IdentityHashMap<>();

  private HtmlTexts(DocumentLimits limits) {
    this.limits = limits;
  }

  /**
   * The texts of {@code document}.
   *
   * @throws DocumentTooLargeException when elements nest deeper than the limit, or there are more
   *     texts than it allows
   */
  static List<HtmlText> of(Document document, DocumentLimits limits) {
    HtmlTexts finder = new HtmlTexts(limits);
    finder.measure(document);
    finder.collect(document);
    return finder.texts;
  }

  /**
   * Checks the nesting depth and notes which elements hold letters and which hold blocks. jsoup's
   * traversal is iterative, so depth costs no stack; inside runs the code below recurses, which the
   * depth limit keeps shallow.
   */
  private void measure(Document document) {
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof Element && depth > limits.maxNestingDepth()) {
              throw new DocumentTooLargeException(
                  "the document nests elements more than "
                      + limits.maxNestingDepth()
                      + " levels deep, the most accepted");
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (!(node.parent() instanceof Element parent) || parent instanceof Document) {
              return;
            }
            if (node instanceof TextNode text && hasLetter(text.getWholeText())) {
              withLetters.add(parent);
            } else if (node instanceof Element element) {
              boolean sealed = HtmlElements.isSealed(element);
              if (HtmlElements.isBlockLevel(element) || !sealed && withBlocks.contains(element)) {
                withBlocks.add(parent);
              }
              if (!sealed && withLetters.contains(element)) {
                withLetters.add(parent);
              }
            }
          }
        },
        document);
  }

  private void collect(Document document) {
    NodeTraversor.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            InlineRun run = runsByFirstNode.remove(node);
            if (run != null) {
              add(run);
            }
            if (!(node instanceof Element element)) {
              return FilterResult.CONTINUE;
            }
            if (element instanceof Document) {
              addRuns(element);
              return FilterResult.CONTINUE;
            }
            if (HtmlElements.isExcluded(element)) {
              return FilterResult.SKIP_ENTIRELY;
            }
            addAttributes(element);
            if (HtmlElements.hasContentKept(element)) {
              return FilterResult.SKIP_ENTIRELY;
            }
            if (isBoundary(element)) {
              addRuns(element);
            }
            return FilterResult.CONTINUE;
          }
        },
        document);
  }

  private void addAttributes(Element element) {
    for (Attribute attribute : element.attributes()) {
      if (HtmlElements.isTextAttribute(element, attribute.getKey())) {
        String text = collapse(attribute.getValue()).strip();
        if (hasLetter(text)) {
          add(new AttributeValue(element, attribute.getKey(), text));
        }
      }
    }
  }

  /** One text per run of inline children between the block-level children of {@code element}. */
  private void addRuns(Element element) {
    List<Node> run = new ArrayList<>();
    for (Node child : element.childNodes()) {
      if (child instanceof Element childElement && isBoundary(childElement)) {
        addRun(run);
        run.clear();
      } else {
        run.add(child);
      }
    }
    addRun(run);
  }

  private void addRun(List<Node> run) {
    List<Node> span = trimmed(run);
    while (span.size() == 1 && span.getFirst() instanceof Element only && isInlineText(only)) {
      span = trimmed(only.childNodes());
    }
    if (span.isEmpty()) {
      return;
    }
    String lead = "";
    String trail = "";
    if (span.getFirst() instanceof TextNode first) {
      String whole = first.getWholeText();
      lead = whole.substring(0, whole.length() - whole.stripLeading().length());
    }
    if (span.getLast() instanceof TextNode last) {
      String whole = last.getWholeText();
      trail = whole.substring(whole.stripTrailing().length());
    }
    PlaceholderText.Builder<Node> content = PlaceholderText.builder();
    List<Element> lineBreaks = new ArrayList<>();
    for (int i = 0; i < span.size(); i++) {
      Node node = span.get(i);
      if (node instanceof TextNode text) {
        String whole = text.getWholeText();
        int from = i == 0 ? lead.length() : 0;
        int to = i == span.size() - 1 ? whole.length() - trail.length() : whole.length();
        content.text(collapse(whole.substring(from, Math.max(from, to))));
      } else {
        addInline(node, content, lineBreaks);
      }
    }
    PlaceholderText<Node> text = content.build();
    if (hasLetter(text.plainText())) {
      runsByFirstNode.put(
          span.getFirst(), new InlineRun(List.copyOf(span), text, lead, trail, lineBreaks));
    }
  }

  /**
   * Adds inline content. A {@code <br>} becomes a line break rather than a placeholder: the
   * pipeline keeps a text's lines through translation, which no engine promises for placeholders.
   */
  private void addInline(
      Node node, PlaceholderText.Builder<Node> content, List<Element> lineBreaks) {
    if (node instanceof TextNode text) {
      content.text(collapse(text.getWholeText()));
    } else if (node instanceof Element element && element.normalName().equals("br")) {
      content.text("\n");
      lineBreaks.add(element);
    } else if (node instanceof Element element && isInlineText(element)) {
      content.start(element);
      for (Node child : element.childNodes()) {
        addInline(child, content, lineBreaks);
      }
      content.end();
    } else {
      content.standalone(node);
    }
  }

  /**
   * The run without blank text and kept markup (an icon, a trailing line break, a script) at either
   * end; punctuation at the ends stays part of the text.
   */
  private List<Node> trimmed(List<Node> run) {
    int from = 0;
    int to = run.size();
    while (from < to && !isTextual(run.get(from))) {
      from++;
    }
    while (to > from && !isTextual(run.get(to - 1))) {
      to--;
    }
    return run.subList(from, to);
  }

  private boolean isTextual(Node node) {
    return node instanceof TextNode text
        ? !text.isBlank()
        : node instanceof Element element && isInlineText(element);
  }

  /** Inline markup with letters of its own to translate, and no blocks inside. */
  private boolean isInlineText(Element element) {
    return !HtmlElements.isBlockLevel(element)
        && !HtmlElements.isSealed(element)
        && !withBlocks.contains(element)
        && withLetters.contains(element);
  }

  /** Ends a run: a block-level element, or an inline element that holds blocks. */
  private boolean isBoundary(Element element) {
    return HtmlElements.isBlockLevel(element)
        || !HtmlElements.isSealed(element) && withBlocks.contains(element);
  }

  private void add(HtmlText text) {
    if (texts.size() == limits.maxTexts()) {
      throw new DocumentTooLargeException(
          "the document has more than " + limits.maxTexts() + " texts, the most accepted");
    }
    texts.add(text);
  }

  private static String collapse(String text) {
    return HTML_WHITESPACE.matcher(text).replaceAll(" ");
  }

  static boolean hasLetter(String text) {
    return text.codePoints().anyMatch(Character::isLetter);
  }

  private static Set<Element> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }
}
