package dev.translation.documents.xliff;

import dev.translation.documents.InvalidDocumentException;
import dev.translation.documents.inline.PlaceholderText;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;

/** DOM steps both XLIFF versions share: finding their elements, reading and writing content. */
final class XliffDom {

  private static final Pattern XML_WHITESPACE = Pattern.compile("[ \t\r\n]+");
  private static final Pattern GERMAN = Pattern.compile("(?i)de([-_].*)?");
  private static final Pattern ENGLISH = Pattern.compile("(?i)en([-_].*)?");

  private XliffDom() {}

  /** Whether {@code node} is the XLIFF element {@code localName} of namespace {@code ns}. */
  static boolean is(Node node, String ns, String localName) {
    return node instanceof Element element
        && localName.equals(element.getLocalName())
        && Objects.equals(ns, element.getNamespaceURI());
  }

  /** The child elements of {@code parent}, in order. */
  static List<Element> childElements(Element parent) {
    List<Element> children = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element) {
        children.add(element);
      }
    }
    return children;
  }

  /** The first child element {@code localName} of {@code parent}, or null. */
  static Element child(Element parent, String ns, String localName) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (is(child, ns, localName)) {
        return (Element) child;
      }
    }
    return null;
  }

  /** The child {@code <source>} every unit or segment must have. */
  static Element source(Element parent, String ns) {
    Element source = child(parent, ns, "source");
    if (source == null) {
      throw new InvalidDocumentException(
          "a <" + parent.getLocalName() + "> of the XLIFF file has no <source>");
    }
    return source;
  }

  /** Whether {@code text} holds anything to translate: numbers and codes alone are kept. */
  static boolean hasLetter(String text) {
    return text.codePoints().anyMatch(Character::isLetter);
  }

  /** Whether {@code value} (of {@code translate}) says not to translate. */
  static boolean isNo(String value) {
    return value.trim().equalsIgnoreCase("no");
  }

  /**
   * Refuses a file that is not about German to English. A missing language counts as fitting: the
   * sender chose this service.
   */
  static void checkLanguages(String source, String target) {
    if (!source.isBlank() && !GERMAN.matcher(source.trim()).matches()) {
      throw new InvalidDocumentException(
          "the XLIFF file's source language is not German; only German is translated (to"
              + " English)");
    }
    if (!target.isBlank() && !ENGLISH.matcher(target.trim()).matches()) {
      throw new InvalidDocumentException(
          "the XLIFF file's target language is not English; only English is translated into");
    }
  }

  /**
   * The inline content of {@code container} as a text with placeholders: text, and each element or
   * comment as a code, paired where {@code paired} says its content is text too. Whitespace is
   * collapsed unless {@code xml:space="preserve"} says it matters.
   */
  static PlaceholderText<Node> read(Element container, Predicate<Element> paired) {
    boolean preserve = preservesSpace(container);
    List<Item> items = new ArrayList<>();
    flatten(container, paired, items);
    PlaceholderText.Builder<Node> content = PlaceholderText.builder();
    for (int i = 0; i < items.size(); i++) {
      switch (items.get(i)) {
        case Chars(String text) when preserve -> content.text(text);
        case Chars(String text) -> {
          String collapsed = XML_WHITESPACE.matcher(text).replaceAll(" ");
          collapsed = i == 0 ? collapsed.stripLeading() : collapsed;
          collapsed = i == items.size() - 1 ? collapsed.stripTrailing() : collapsed;
          content.text(collapsed);
        }
        case Start(Node code) -> content.start(code);
        case End() -> content.end();
        case Kept(Node code) -> content.standalone(code);
      }
    }
    return content.build();
  }

  /** The children of {@code container} as text, start and end markers and kept nodes. */
  private static void flatten(Element container, Predicate<Element> paired, List<Item> items) {
    for (Node child = container.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Text text) {
        int last = items.size() - 1;
        if (last >= 0 && items.get(last) instanceof Chars(String previous)) {
          items.set(last, new Chars(previous + text.getData()));
        } else {
          items.add(new Chars(text.getData()));
        }
      } else if (child instanceof Element element && paired.test(element)) {
        items.add(new Start(element));
        // Recursion is bounded by the nesting limit SafeXml enforced.
        flatten(element, paired, items);
        items.add(new End());
      } else {
        items.add(new Kept(child));
      }
    }
  }

  /**
   * Writes a restored translation into {@code into}: paired codes are copied without their content
   * and filled with translated text, other codes are copied whole, codes the translation lost are
   * copied with their original content.
   */
  static void write(PlaceholderText<Node> content, String translation, Element into) {
    Deque<Node> open = new ArrayDeque<>();
    open.push(into);
    content.restore(
        translation,
        new PlaceholderText.Sink<>() {
          @Override
          public void text(String text) {
            open.peek().appendChild(into.getOwnerDocument().createTextNode(text));
          }

          @Override
          public void start(Node code) {
            open.push(open.peek().appendChild(code.cloneNode(false)));
          }

          @Override
          public void end(Node code) {
            open.pop();
          }

          @Override
          public void standalone(Node code) {
            open.peek().appendChild(code.cloneNode(true));
          }

          @Override
          public void keep(Node code) {
            open.peek().appendChild(code.cloneNode(true));
          }
        });
  }

  /**
   * The {@code <target>} of {@code parent}, emptied, or a new one after {@code anchor} (its source)
   * with the source's indentation.
   */
  static Element emptyTarget(Element parent, String ns, Element anchor) {
    Element target = child(parent, ns, "target");
    if (target != null) {
      while (target.getFirstChild() != null) {
        target.removeChild(target.getFirstChild());
      }
      return target;
    }
    String prefix = anchor.getPrefix();
    target =
        parent
            .getOwnerDocument()
            .createElementNS(
                ns, prefix == null || prefix.isEmpty() ? "target" : prefix + ":target");
    parent.insertBefore(target, anchor.getNextSibling());
    Node before = anchor.getPreviousSibling();
    if (before instanceof Text indentation && indentation.getData().isBlank()) {
      parent.insertBefore(indentation.cloneNode(false), target);
    }
    return target;
  }

  static void setLanguage(Element element, String language) {
    element.setAttributeNS(XMLConstants.XML_NS_URI, "xml:lang", language);
  }

  /** Whether the nearest {@code xml:space} on {@code element} or above says {@code preserve}. */
  private static boolean preservesSpace(Element element) {
    for (Node node = element; node instanceof Element current; node = node.getParentNode()) {
      String space = current.getAttributeNS(XMLConstants.XML_NS_URI, "space");
      if (!space.isEmpty()) {
        return space.equals("preserve");
      }
    }
    return false;
  }

  /** A piece of inline content: text (CDATA included), or where a code starts, ends or stands. */
  private sealed interface Item {}

  private record Chars(String text) implements Item {}

  private record Start(Node code) implements Item {}

  private record End() implements Item {}

  private record Kept(Node code) implements Item {}
}
