package dev.translation.documents.office;

import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** What the office handlers need of a DOM, without recursion (parts can nest deeply). */
final class Dom {

  /** The markup-compatibility namespace: alternative content for newer and older readers. */
  static final String MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";

  private Dom() {}

  /** Every element under {@code root} (itself included), in document order. */
  static List<Element> descendants(Node root) {
    List<Element> elements = new ArrayList<>();
    Node node = root;
    while (node != null) {
      if (node.getNodeType() == Node.ELEMENT_NODE) {
        elements.add((Element) node);
      }
      if (node.getFirstChild() != null) {
        node = node.getFirstChild();
        continue;
      }
      while (node != root && node.getNextSibling() == null) {
        node = node.getParentNode();
      }
      node = node == root ? null : node.getNextSibling();
    }
    return elements;
  }

  /** The descendants of {@code root} named {@code namespace}:{@code localName}, in order. */
  static List<Element> descendants(Node root, String namespace, String localName) {
    return descendants(root).stream()
        .filter(element -> is(element, namespace, localName))
        .filter(element -> element != root)
        .toList();
  }

  /** The child elements of {@code parent}. */
  static List<Element> children(Node parent) {
    List<Element> children = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() == Node.ELEMENT_NODE) {
        children.add((Element) child);
      }
    }
    return children;
  }

  /** The first child of {@code parent} named {@code namespace}:{@code localName}, or null. */
  static Element child(Node parent, String namespace, String localName) {
    for (Element child : children(parent)) {
      if (is(child, namespace, localName)) {
        return child;
      }
    }
    return null;
  }

  /** Whether {@code node} is an element named {@code namespace}:{@code localName}. */
  static boolean is(Node node, String namespace, String localName) {
    return node != null
        && node.getNodeType() == Node.ELEMENT_NODE
        && namespace.equals(node.getNamespaceURI())
        && localName.equals(node.getLocalName());
  }

  /** The nearest ancestor of {@code node} named {@code namespace}:{@code localName}, or null. */
  static Element ancestor(Node node, String namespace, String localName) {
    for (Node up = node.getParentNode(); up != null; up = up.getParentNode()) {
      if (is(up, namespace, localName)) {
        return (Element) up;
      }
    }
    return null;
  }

  /** The next element after {@code node} among its siblings, or null. */
  static Element nextElement(Node node) {
    for (Node next = node.getNextSibling(); next != null; next = next.getNextSibling()) {
      if (next.getNodeType() == Node.ELEMENT_NODE) {
        return (Element) next;
      }
    }
    return null;
  }

  /**
   * A new element {@code localName} in {@code like}'s namespace, with {@code like}'s prefix (which
   * is declared wherever {@code like} is).
   */
  static Element create(Element like, String localName) {
    String prefix = like.getPrefix();
    return like.getOwnerDocument()
        .createElementNS(
            like.getNamespaceURI(), prefix == null ? localName : prefix + ":" + localName);
  }

  /**
   * Sets {@code element}'s whole content to {@code text}, marking it as space-preserving where it
   * has leading or trailing whitespace (Word and Excel trim it otherwise).
   */
  static void setText(Element element, String text) {
    element.setTextContent(OfficeXml.xmlSafe(text));
    boolean padded =
        !text.isEmpty() && (isSpace(text.charAt(0)) || isSpace(text.charAt(text.length() - 1)));
    if (padded) {
      element.setAttributeNS(XMLConstants.XML_NS_URI, "xml:space", "preserve");
    }
  }

  /** Whether the properties {@code a} and {@code b} (each may be null) say the same. */
  static boolean sameProperties(Element a, Element b) {
    if (a == null || b == null) {
      return a == b || isEmpty(a == null ? b : a);
    }
    return a.isEqualNode(b);
  }

  /** Whether {@code node} sits inside the fallback of a markup-compatibility choice. */
  static boolean inFallback(Node node) {
    return ancestor(node, MC, "Fallback") != null;
  }

  /**
   * The element a markup-compatibility fallback holds in place of {@code element}: the one at the
   * same position among the same-named elements of the first choice. Null when {@code element} is
   * not in a fallback or the choice has no such element.
   */
  static Element choiceTwin(Element element) {
    Element fallback = ancestor(element, MC, "Fallback");
    if (fallback == null || fallback.getParentNode() == null) {
      return null;
    }
    Element choice = child(fallback.getParentNode(), MC, "Choice");
    if (choice == null) {
      return null;
    }
    String namespace = element.getNamespaceURI() == null ? "" : element.getNamespaceURI();
    int index = descendants(fallback, namespace, element.getLocalName()).indexOf(element);
    List<Element> twins = descendants(choice, namespace, element.getLocalName());
    return index >= 0 && index < twins.size() ? twins.get(index) : null;
  }

  private static boolean isEmpty(Element properties) {
    return !properties.hasChildNodes() && !properties.hasAttributes();
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
