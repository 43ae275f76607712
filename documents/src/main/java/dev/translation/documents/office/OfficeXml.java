package dev.translation.documents.office;

import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.InvalidDocumentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.Comment;
import javax.xml.stream.events.Namespace;
import javax.xml.stream.events.ProcessingInstruction;
import javax.xml.stream.events.StartDocument;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Reads and writes the XML parts of an office package. Reading refuses any DOCTYPE (office parts
 * never have one, and it is how entity-expansion and external-entity attacks start) and any nesting
 * deeper than {@link DocumentLimits#maxNestingDepth()}; writing keeps prefixes, namespace
 * declarations and everything untouched as it was.
 *
 * <p>Parts of ordinary size become a DOM ({@link #parse}); parts that can be very large
 * (worksheets, shared strings) are streamed, with only the elements of interest turned into DOM
 * elements ({@link #rewrite}).
 */
final class OfficeXml {

  private static final XMLInputFactory INPUT = inputFactory();
  private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();
  private static final DocumentBuilderFactory DOM = DocumentBuilderFactory.newDefaultInstance();

  static {
    DOM.setNamespaceAware(true);
  }

  private OfficeXml() {}

  private static XMLInputFactory inputFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  /** The name of the root element of {@code part}. */
  static QName rootName(InputStream part) throws XMLStreamException {
    XMLEventReader events = INPUT.createXMLEventReader(part);
    try {
      while (events.hasNext()) {
        XMLEvent event = checked(events.nextEvent());
        if (event.isStartElement()) {
          return event.asStartElement().getName();
        }
      }
      throw new XMLStreamException("no root element");
    } finally {
      events.close();
    }
  }

  /** One whole part as a DOM. */
  static Document parse(InputStream part, DocumentLimits limits) throws XMLStreamException {
    Document document = newDocument();
    XMLEventReader events = INPUT.createXMLEventReader(part);
    try {
      Node parent = document;
      int depth = 0;
      while (events.hasNext()) {
        XMLEvent event = checked(events.nextEvent());
        switch (event.getEventType()) {
          case XMLStreamConstants.START_DOCUMENT -> {
            StartDocument start = (StartDocument) event;
            document.setXmlStandalone(start.standaloneSet() && start.isStandalone());
          }
          case XMLStreamConstants.START_ELEMENT -> {
            checkDepth(++depth, limits);
            Element element = element(document, event.asStartElement());
            parent.appendChild(element);
            parent = element;
          }
          case XMLStreamConstants.END_ELEMENT -> {
            depth--;
            parent = parent.getParentNode();
          }
          default -> append(document, parent, event);
        }
      }
    } finally {
      events.close();
    }
    if (document.getDocumentElement() == null) {
      throw new XMLStreamException("no root element");
    }
    return document;
  }

  /** {@code document} as the bytes of a part. */
  static byte[] serialize(Document document) throws XMLStreamException, IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    XMLStreamWriter out = writer(bytes, document.getXmlStandalone());
    for (Node child = document.getFirstChild(); child != null; child = child.getNextSibling()) {
      write(child, out);
    }
    out.close();
    return bytes.toByteArray();
  }

  /**
   * Streams {@code part}, handing each element {@code isItem} accepts to {@code item} as a DOM
   * element and copying everything to {@code out} (when not null), the items as {@code item} left
   * them.
   *
   * @param isItem sees every start element outside items, in document order
   */
  static void rewrite(
      InputStream part,
      OutputStream out,
      DocumentLimits limits,
      Predicate<StartElement> isItem,
      Consumer<Element> item)
      throws XMLStreamException, IOException {
    XMLEventReader events = INPUT.createXMLEventReader(part);
    try {
      XMLStreamWriter writer = null;
      Document scratch = newDocument();
      int depth = 0;
      while (events.hasNext()) {
        XMLEvent event = checked(events.nextEvent());
        switch (event.getEventType()) {
          case XMLStreamConstants.START_DOCUMENT -> {
            StartDocument start = (StartDocument) event;
            if (out != null) {
              writer = writer(out, start.standaloneSet() && start.isStandalone());
            }
          }
          case XMLStreamConstants.START_ELEMENT -> {
            checkDepth(++depth, limits);
            StartElement start = event.asStartElement();
            if (isItem.test(start)) {
              Element element = readElement(start, events, scratch, depth, limits);
              depth--;
              item.accept(element);
              if (writer != null) {
                write(element, writer);
              }
            } else if (writer != null) {
              boolean empty = events.peek() != null && events.peek().isEndElement();
              writeStart(start, writer, empty);
              if (empty) {
                events.nextEvent();
                depth--;
              }
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            depth--;
            if (writer != null) {
              writer.writeEndElement();
            }
          }
          default -> {
            if (writer != null) {
              writeOther(event, writer);
            }
          }
        }
      }
      if (writer != null) {
        writer.close();
      }
    } finally {
      events.close();
    }
  }

  /** A new, empty DOM document to build or read elements into. */
  static Document newDocument() {
    try {
      return DOM.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's DOM implementation is not available", e);
    }
  }

  /**
   * {@code text} without the characters XML 1.0 cannot hold (most control characters), which a
   * translation could bring in but no part may contain.
   */
  static String xmlSafe(String text) {
    StringBuilder safe = null;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      boolean allowed =
          c == 0x9
              || c == 0xA
              || c == 0xD
              || c >= 0x20 && c <= 0xD7FF
              || c >= 0xE000 && c <= 0xFFFD
              || c >= 0x10000 && c <= 0x10FFFF;
      if (!allowed && safe == null) {
        safe = new StringBuilder(text.substring(0, i));
      } else if (allowed && safe != null) {
        safe.appendCodePoint(c);
      }
      i += Character.charCount(c);
    }
    return safe == null ? text : safe.toString();
  }

  /** {@code event}, unless it is one no office part may contain. */
  private static XMLEvent checked(XMLEvent event) {
    if (event.getEventType() == XMLStreamConstants.DTD) {
      throw new InvalidDocumentException(
          "the file contains an XML DOCTYPE declaration, which office documents never have");
    }
    if (event.getEventType() == XMLStreamConstants.ENTITY_REFERENCE) {
      throw new InvalidDocumentException("the file refers to an undeclared XML entity");
    }
    return event;
  }

  /**
   * A writer of one part. The XML declaration is written by hand: the standard writer cannot say
   * {@code standalone="yes"}, which Office writes and keeps.
   */
  private static XMLStreamWriter writer(OutputStream out, boolean standalone)
      throws XMLStreamException, IOException {
    String declaration =
        "<?xml version=\"1.0\" encoding=\"UTF-8\""
            + (standalone ? " standalone=\"yes\"" : "")
            + "?>\n";
    out.write(declaration.getBytes(StandardCharsets.UTF_8));
    return OUTPUT.createXMLStreamWriter(out, "UTF-8");
  }

  /** Reads the rest of the element {@code start} opens into a DOM element of {@code document}. */
  private static Element readElement(
      StartElement start,
      XMLEventReader events,
      Document document,
      int depth,
      DocumentLimits limits)
      throws XMLStreamException {
    Element root = element(document, start);
    Node parent = root;
    while (parent != null) {
      XMLEvent event = checked(events.nextEvent());
      switch (event.getEventType()) {
        case XMLStreamConstants.START_ELEMENT -> {
          checkDepth(++depth, limits);
          Element element = element(document, event.asStartElement());
          parent.appendChild(element);
          parent = element;
        }
        case XMLStreamConstants.END_ELEMENT -> {
          depth--;
          parent = parent == root ? null : parent.getParentNode();
        }
        case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("unclosed element");
        default -> append(document, parent, event);
      }
    }
    return root;
  }

  private static void checkDepth(int depth, DocumentLimits limits) {
    if (depth > limits.maxNestingDepth()) {
      throw new DocumentTooLargeException(
          "the file's XML nests deeper than "
              + limits.maxNestingDepth()
              + " levels, the most a document may have");
    }
  }

  private static Element element(Document document, StartElement start) {
    Element element = document.createElementNS(uri(start.getName()), qualified(start.getName()));
    for (var namespaces = start.getNamespaces(); namespaces.hasNext(); ) {
      Namespace namespace = namespaces.next();
      String prefix = namespace.getPrefix();
      element.setAttributeNS(
          XMLConstants.XMLNS_ATTRIBUTE_NS_URI,
          prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix,
          namespace.getNamespaceURI());
    }
    for (var attributes = start.getAttributes(); attributes.hasNext(); ) {
      Attribute attribute = attributes.next();
      element.setAttributeNS(
          uri(attribute.getName()), qualified(attribute.getName()), attribute.getValue());
    }
    return element;
  }

  private static void append(Document document, Node parent, XMLEvent event) {
    switch (event.getEventType()) {
      case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
        // Text outside the root element is only whitespace, and a DOM cannot hold it there.
        if (parent != document) {
          parent.appendChild(document.createTextNode(event.asCharacters().getData()));
        }
      }
      case XMLStreamConstants.COMMENT ->
          parent.appendChild(document.createComment(((Comment) event).getText()));
      case XMLStreamConstants.PROCESSING_INSTRUCTION -> {
        ProcessingInstruction instruction = (ProcessingInstruction) event;
        parent.appendChild(
            document.createProcessingInstruction(instruction.getTarget(), instruction.getData()));
      }
      default -> {
        // Start and end of document carry nothing a DOM keeps.
      }
    }
  }

  private static void writeStart(StartElement start, XMLStreamWriter out, boolean empty)
      throws XMLStreamException {
    QName name = start.getName();
    if (empty) {
      out.writeEmptyElement(name.getPrefix(), name.getLocalPart(), name.getNamespaceURI());
    } else {
      out.writeStartElement(name.getPrefix(), name.getLocalPart(), name.getNamespaceURI());
    }
    for (var namespaces = start.getNamespaces(); namespaces.hasNext(); ) {
      Namespace namespace = namespaces.next();
      out.writeNamespace(namespace.getPrefix(), namespace.getNamespaceURI());
    }
    for (var attributes = start.getAttributes(); attributes.hasNext(); ) {
      Attribute attribute = attributes.next();
      QName attributeName = attribute.getName();
      out.writeAttribute(
          attributeName.getPrefix(),
          attributeName.getNamespaceURI(),
          attributeName.getLocalPart(),
          attribute.getValue());
    }
  }

  private static void writeOther(XMLEvent event, XMLStreamWriter out) throws XMLStreamException {
    switch (event.getEventType()) {
      case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
          out.writeCharacters(event.asCharacters().getData());
      case XMLStreamConstants.COMMENT -> out.writeComment(((Comment) event).getText());
      case XMLStreamConstants.PROCESSING_INSTRUCTION -> {
        ProcessingInstruction instruction = (ProcessingInstruction) event;
        out.writeProcessingInstruction(instruction.getTarget(), instruction.getData());
      }
      default -> {
        // The declaration is written with the writer; the end of the document needs nothing.
      }
    }
  }

  private static void write(Node node, XMLStreamWriter out) throws XMLStreamException {
    switch (node.getNodeType()) {
      case Node.ELEMENT_NODE -> {
        Element element = (Element) node;
        String prefix = nullToEmpty(element.getPrefix());
        String uri = nullToEmpty(element.getNamespaceURI());
        if (element.hasChildNodes()) {
          out.writeStartElement(prefix, element.getLocalName(), uri);
        } else {
          out.writeEmptyElement(prefix, element.getLocalName(), uri);
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
          Node attribute = attributes.item(i);
          if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
            String declared =
                "xmlns".equals(attribute.getNodeName()) ? "" : attribute.getLocalName();
            out.writeNamespace(declared, attribute.getNodeValue());
          }
        }
        for (int i = 0; i < attributes.getLength(); i++) {
          Node attribute = attributes.item(i);
          if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
            out.writeAttribute(
                nullToEmpty(attribute.getPrefix()),
                nullToEmpty(attribute.getNamespaceURI()),
                attribute.getLocalName(),
                attribute.getNodeValue());
          }
        }
        if (element.hasChildNodes()) {
          for (Node child = element.getFirstChild();
              child != null;
              child = child.getNextSibling()) {
            write(child, out);
          }
          out.writeEndElement();
        }
      }
      case Node.TEXT_NODE, Node.CDATA_SECTION_NODE ->
          out.writeCharacters(xmlSafe(node.getNodeValue()));
      case Node.COMMENT_NODE -> out.writeComment(node.getNodeValue());
      case Node.PROCESSING_INSTRUCTION_NODE ->
          out.writeProcessingInstruction(node.getNodeName(), node.getNodeValue());
      default -> {
        // A DOM built by parse() holds no other kinds of node.
      }
    }
  }

  private static String uri(QName name) {
    return name.getNamespaceURI().isEmpty() ? null : name.getNamespaceURI();
  }

  private static String qualified(QName name) {
    return name.getPrefix().isEmpty()
        ? name.getLocalPart()
        : name.getPrefix() + ":" + name.getLocalPart();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
