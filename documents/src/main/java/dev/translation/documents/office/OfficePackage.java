package dev.translation.documents.office;

import dev.translation.documents.DocumentException;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.InvalidDocumentException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.w3c.dom.Document;

/**
 * One office file opened for translation: guarded against zip bombs, then opened with POI's OPC
 * layer, which reads the package structure (content types, relationships) but leaves each part's
 * XML to the handlers. Every failure to read becomes an {@link InvalidDocumentException} that says
 * what is wrong in the sender's terms.
 */
final class OfficePackage implements AutoCloseable {

  private final OPCPackage opc;
  private final String format;
  private final DocumentLimits limits;

  private OfficePackage(OPCPackage opc, String format, DocumentLimits limits) {
    this.opc = opc;
    this.format = format;
    this.limits = limits;
  }

  /**
   * Opens {@code document} after {@code guard} has read through it.
   *
   * @param format the format's name for messages, e.g. {@code DOCX}
   */
  static OfficePackage open(byte[] document, OfficePackageGuard guard, String format) {
    guard.check(document);
    try {
      return new OfficePackage(
          OPCPackage.open(new ByteArrayInputStream(document)), format, guard.limits());
    } catch (Exception e) {
      throw new InvalidDocumentException(
          "the file is a ZIP archive but not a readable " + format + " (Office Open XML) package",
          e);
    }
  }

  /**
   * The part the package is about (the Word document, the presentation, the workbook), whose root
   * element must be {@code rootNamespace}:{@code rootName}, or the file is another office format.
   */
  PackagePart mainPart(String rootNamespace, String rootName) {
    return reading(
        () -> {
          var strict = opc.getRelationshipsByType(PackageRelationshipTypes.STRICT_CORE_DOCUMENT);
          if (strict.size() > 0) {
            throw new InvalidDocumentException(
                "the file is saved as Strict Open XML, which is not supported: save it as a"
                    + " regular "
                    + format);
          }
          var main = opc.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
          if (main.size() == 0) {
            throw new InvalidDocumentException(
                "the file is not an Office Open XML document: it has no main part");
          }
          PackagePart part = opc.getPart(main.getRelationship(0));
          if (part == null) {
            throw new InvalidDocumentException(
                "the " + format + " is damaged: its main part is missing");
          }
          QName root;
          try (InputStream in = part.getInputStream()) {
            root = OfficeXml.rootName(in);
          }
          if (!rootNamespace.equals(root.getNamespaceURI())
              || !rootName.equals(root.getLocalPart())) {
            throw new InvalidDocumentException(
                "the file is an office document, but in another format than " + format);
          }
          return part;
        });
  }

  /** The parts {@code from} refers to with relationships of {@code type}, in relationship order. */
  List<PackagePart> related(PackagePart from, String type) {
    return reading(
        () -> {
          List<PackagePart> parts = new ArrayList<>();
          for (PackageRelationship relationship : from.getRelationshipsByType(type)) {
            if (relationship.getTargetMode() != TargetMode.EXTERNAL) {
              PackagePart part = from.getRelatedPart(relationship);
              if (part != null && !parts.contains(part)) {
                parts.add(part);
              }
            }
          }
          return parts;
        });
  }

  /** The part {@code from}'s relationship {@code id} points to, or null. */
  PackagePart related(PackagePart from, String id, String type) {
    return reading(
        () -> {
          PackageRelationship relationship = from.getRelationship(id);
          if (relationship == null
              || relationship.getTargetMode() == TargetMode.EXTERNAL
              || !type.equals(relationship.getRelationshipType())) {
            return null;
          }
          return from.getRelatedPart(relationship);
        });
  }

  /** {@code part}'s XML as a DOM. */
  Document xml(PackagePart part) {
    return reading(
        () -> {
          try (InputStream in = part.getInputStream()) {
            return OfficeXml.parse(in, limits);
          }
        });
  }

  /** Replaces {@code part}'s content with {@code xml}. */
  void write(PackagePart part, Document xml) {
    byte[] bytes = reading(() -> OfficeXml.serialize(xml));
    write(part, bytes);
  }

  /** Replaces {@code part}'s content with {@code bytes}. */
  void write(PackagePart part, byte[] bytes) {
    reading(
        () -> {
          try (OutputStream out = part.getOutputStream()) {
            out.write(bytes);
          }
          return null;
        });
  }

  /** The package as a file, with the parts written so far. */
  byte[] save() {
    return reading(
        () -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          opc.save(out);
          return out.toByteArray();
        });
  }

  /**
   * Runs {@code work} on this package's content, turning what the libraries throw for a damaged
   * file into an {@link InvalidDocumentException}.
   */
  <T> T reading(Callable<T> work) {
    try {
      return work.call();
    } catch (DocumentException e) {
      throw e;
    } catch (XMLStreamException e) {
      throw new InvalidDocumentException(
          "the " + format + " is damaged: one of its parts is not well-formed XML", e);
    } catch (IOException e) {
      throw new InvalidDocumentException("the " + format + " is damaged and cannot be read", e);
    } catch (Exception e) {
      throw new InvalidDocumentException(
          "the " + format + " is damaged: its parts do not fit together", e);
    }
  }

  /** Refuses a document with more texts than {@link DocumentLimits#maxTexts()}. */
  void checkTextCount(int texts) {
    if (texts > limits.maxTexts()) {
      throw new DocumentTooLargeException(
          "the "
              + format
              + " has more than "
              + limits.maxTexts()
              + " texts (paragraphs, cells, notes), the most one document may have");
    }
  }

  /** Closes without saving: what was written went out through {@link #save()}. */
  @Override
  public void close() {
    opc.revert();
  }
}
