package dev.translation.documents.xliff;

import dev.translation.documents.DocumentException;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.InvalidDocumentException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.xml.sax.Attributes;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.LexicalHandler;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads and writes XML from senders nobody vouches for, with the JDK's own parsers (never whatever
 * else is on the class path, whose defaults differ).
 *
 * <p>A file is first streamed through SAX, which refuses any document type declaration (so no
 * external entity is fetched, no file read, no entity expanded: XXE and billion laughs end at the
 * {@code <!DOCTYPE}) and counts the nesting depth without building anything. Only a file that
 * passes is built as a DOM, by a parser that would refuse a DTD too.
 */
final class SafeXml {

  /** Fails on errors the parser would otherwise only print, and stays silent on warnings. */
  private static final ErrorHandler STRICT =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {}

        @Override
        public void error(SAXParseException exception) throws SAXParseException {
          throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXParseException {
          throw exception;
        }
      };

  private static final EntityResolver REFUSE_ENTITIES =
      (publicId, systemId) -> {
        throw new SAXException("external entities are not read");
      };

  private SafeXml() {}

  /**
   * The DOM of {@code bytes}.
   *
   * @throws InvalidDocumentException when the bytes are not well-formed XML or declare a DTD
   * @throws DocumentTooLargeException when elements nest deeper than the limit
   */
  static Document parse(byte[] bytes, DocumentLimits limits) {
    scan(bytes, limits);
    try {
      DocumentBuilder builder = documentBuilderFactory().newDocumentBuilder();
      builder.setEntityResolver(REFUSE_ENTITIES);
      builder.setErrorHandler(STRICT);
      return builder.parse(new ByteArrayInputStream(bytes));
    } catch (SAXParseException e) {
      throw notWellFormed(e.getLineNumber(), e.getColumnNumber(), e);
    } catch (SAXException | IOException e) {
      throw new InvalidDocumentException("the file is not well-formed XML", e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
    }
  }

  /** {@code document} as bytes in {@code charset}, after an XML declaration that names it. */
  static byte[] write(Document document, Charset charset) {
    try {
      TransformerFactory factory = TransformerFactory.newDefaultInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer transformer = factory.newTransformer();
      // The JDK writes its own declaration without a line break before the root element.
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      transformer.setOutputProperty(OutputKeys.ENCODING, charset.name());
      transformer.setOutputProperty(OutputKeys.METHOD, "xml");
      transformer.setOutputProperty(OutputKeys.INDENT, "no");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Writer writer = new OutputStreamWriter(out, charset);
      String version = document.getXmlVersion() == null ? "1.0" : document.getXmlVersion();
      writer.write("<?xml version=\"" + version + "\" encoding=\"" + charset.name() + "\"?>\n");
      transformer.transform(new DOMSource(document), new StreamResult(writer));
      writer.flush();
      return out.toByteArray();
    } catch (TransformerException | IOException e) {
      throw new IllegalStateException("a parsed XML document could not be written", e);
    }
  }

  /** The charset the document declared, if this JVM knows it, else UTF-8. */
  static Charset charsetOf(Document document) {
    String declared = document.getXmlEncoding();
    if (declared == null) {
      declared = document.getInputEncoding();
    }
    try {
      return declared == null ? StandardCharsets.UTF_8 : Charset.forName(declared);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }

  /**
   * Streams through the file once: refuses a DTD at its first mention, before the parser reads
   * anything of it, and the nesting before a deep tree is built.
   */
  private static void scan(byte[] bytes, DocumentLimits limits) {
    try {
      SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      XMLReader reader = factory.newSAXParser().getXMLReader();
      reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      Scanner scanner = new Scanner(limits.maxNestingDepth());
      reader.setContentHandler(scanner);
      reader.setProperty("http://xml.org/sax/properties/lexical-handler", scanner);
      reader.setEntityResolver(REFUSE_ENTITIES);
      reader.setErrorHandler(STRICT);
      reader.parse(new InputSource(new ByteArrayInputStream(bytes)));
    } catch (Refused e) {
      throw e.reason;
    } catch (SAXParseException e) {
      throw notWellFormed(e.getLineNumber(), e.getColumnNumber(), e);
    } catch (SAXException | IOException e) {
      throw new InvalidDocumentException("the file is not well-formed XML", e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
    }
  }

  private static InvalidDocumentException notWellFormed(int line, int column, Exception cause) {
    String where = line > 0 ? " (line " + line + ", column " + column + ")" : "";
    return new InvalidDocumentException("the file is not well-formed XML" + where, cause);
  }

  private static DocumentBuilderFactory documentBuilderFactory()
      throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    return factory;
  }

  /** Counts the nesting and stops at a document type declaration. */
  private static final class Scanner extends DefaultHandler implements LexicalHandler {
    private final int maxDepth;
    private int depth;

    Scanner(int maxDepth) {
      this.maxDepth = maxDepth;
    }

    @Override
    public void startElement(String uri, String localName, String name, Attributes attributes)
        throws Refused {
      if (++depth > maxDepth) {
        throw new Refused(
            new DocumentTooLargeException(
                "the file nests elements more than "
                    + maxDepth
                    + " levels deep, the most accepted"));
      }
    }

    @Override
    public void endElement(String uri, String localName, String name) {
      depth--;
    }

    @Override
    public void startDTD(String name, String publicId, String systemId) throws Refused {
      throw new Refused(
          new InvalidDocumentException(
              "the file declares a document type (DTD), which is not accepted in XLIFF"));
    }

    @Override
    public void endDTD() {}

    @Override
    public void startEntity(String name) {}

    @Override
    public void endEntity(String name) {}

    @Override
    public void startCDATA() {}

    @Override
    public void endCDATA() {}

    @Override
    public void comment(char[] text, int start, int length) {}
  }

  /** Carries a refusal out of the parser, which only lets SAX exceptions through. */
  private static final class Refused extends SAXException {
    private final DocumentException reason;

    Refused(DocumentException reason) {
      super(reason.getMessage());
      this.reason = reason;
    }
  }
}
