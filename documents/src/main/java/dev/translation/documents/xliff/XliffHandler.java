package dev.translation.documents.xliff;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.FormatHandler;
import dev.translation.documents.InvalidDocumentException;
import dev.translation.documents.TextTranslation;
import dev.translation.documents.UnsupportedDocumentException;
import dev.translation.documents.inline.PlaceholderText;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * XLIFF translation exchange files, versions 1.2 ({@code <trans-unit>}, see {@link Xliff12}) and
 * 2.x ({@code <unit>}/{@code <segment>}, see {@link Xliff2}), told apart by the root element's
 * namespace ({@code urn:oasis:names:tc:xliff:document:1.2}, {@code …:2.0}, which 2.1 keeps, {@code
 * …:2.2}) or, without one, its {@code version}.
 *
 * <p>Texts are the sources of the units (or segments) to translate; the translated file is the same
 * file with their targets filled in (created where missing) and their states set. Inline codes
 * inside a source are carried into the target around the translated words as placeholders ({@link
 * PlaceholderText}), never dropped. Ids, notes, namespaces and everything else stay as they were;
 * the file is written back from its DOM, so formatting inside tags (attribute quotes, whitespace
 * between attributes) may change, the content does not. The target language is English: a file that
 * declares another one, or a source language other than German, is refused, and one that declares
 * none gets {@code en}.
 *
 * <p>The file is read as untrusted XML ({@link SafeXml}): a DTD of any kind is refused, so external
 * entities and entity expansion never happen, and nesting is limited.
 */
public final class XliffHandler implements FormatHandler {

  private static final String NAMESPACE_PREFIX = "urn:oasis:names:tc:xliff:document:";

  private final DocumentLimits limits;

  /** A handler that refuses documents beyond {@code limits}. */
  public XliffHandler(DocumentLimits limits) {
    this.limits = limits;
  }

  @Override
  public DocumentFormat format() {
    return DocumentFormat.XLIFF;
  }

  @Override
  public List<String> texts(byte[] document) {
    return units(SafeXml.parse(document, limits)).list().stream()
        .flatMap(unit -> unit.texts().stream())
        .map(PlaceholderText::text)
        .toList();
  }

  @Override
  public byte[] translate(byte[] document, List<TextTranslation> translations) {
    Document xml = SafeXml.parse(document, limits);
    XliffUnits units = units(xml);
    if (units.textCount() != translations.size()) {
      throw new IllegalArgumentException(
          "the file has "
              + units.textCount()
              + " texts but "
              + translations.size()
              + " translations came back");
    }
    int next = 0;
    for (XliffUnit unit : units.list()) {
      int count = unit.texts().size();
      unit.writeTarget(translations.subList(next, next + count));
      next += count;
    }
    return SafeXml.write(xml, SafeXml.charsetOf(xml));
  }

  private XliffUnits units(Document xml) {
    Element root = xml.getDocumentElement();
    if (!"xliff".equals(root.getLocalName())) {
      throw new InvalidDocumentException("the file is XML but not XLIFF: its root is no <xliff>");
    }
    String ns = root.getNamespaceURI();
    String version = ns == null ? root.getAttribute("version").trim() : versionOf(ns);
    XliffUnits units = new XliffUnits(limits.maxTexts());
    if (version.startsWith("2.")) {
      Xliff2.findUnits(root, units);
    } else if (version.startsWith("1.")) {
      Xliff12.findUnits(root, units);
    } else {
      throw new UnsupportedDocumentException(
          "the file is XLIFF of a version that is not supported (XLIFF 1.2 and 2.x are)");
    }
    return units;
  }

  /** The version an XLIFF namespace names, e.g. 2.0 (also for 2.1 files) or 2.2; else "". */
  private static String versionOf(String namespace) {
    return namespace.startsWith(NAMESPACE_PREFIX)
        ? namespace.substring(NAMESPACE_PREFIX.length())
        : "";
  }
}
