package dev.translation.documents.office;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/** Office files for tests: the samples, and small packages written entry by entry. */
final class OfficeFiles {

  static final String WORD_NAMESPACES =
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
          + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

  private static final String CONTENT_TYPES =
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
      <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
      <Default Extension="xml" ContentType="application/xml"/>\
      <Override PartName="/word/document.xml" \
      ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
      </Types>""";

  private static final String PACKAGE_RELATIONSHIPS =
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
      <Relationship Id="rId1" \
      Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
      Target="word/document.xml"/></Relationships>""";

  private OfficeFiles() {}

  /** A sample from {@code src/test/resources/samples}. */
  static byte[] sample(String name) {
    try (InputStream in = OfficeFiles.class.getResourceAsStream("/samples/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A minimal DOCX whose body holds {@code body} (WordprocessingML, prefix {@code w}). */
  static byte[] docx(String body) {
    return docxWithDocument(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document "
            + WORD_NAMESPACES
            + "><w:body>"
            + body
            + "</w:body></w:document>");
  }

  /** A minimal DOCX whose {@code word/document.xml} is {@code document}. */
  static byte[] docxWithDocument(String document) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("[Content_Types].xml", CONTENT_TYPES);
    entries.put("_rels/.rels", PACKAGE_RELATIONSHIPS);
    entries.put("word/document.xml", document);
    return zip(entries);
  }

  /** A ZIP archive of the given text entries, deflated. */
  static byte[] zip(Map<String, String> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** {@code archive} with entry {@code name}'s content replaced by {@code content}. */
  static byte[] replacing(byte[] archive, String name, byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveInputStream in = read(archive);
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (ZipArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(entry.getName().equals(name) ? content : in.readAllBytes());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The text of entry {@code name} of a ZIP archive, or null. */
  static String entry(byte[] archive, String name) {
    try (ZipArchiveInputStream zip = read(archive)) {
      for (ZipArchiveEntry entry; (entry = zip.getNextEntry()) != null; ) {
        if (entry.getName().equals(name)) {
          return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The archive read as POI reads it (the JDK cannot read what POI streams). */
  private static ZipArchiveInputStream read(byte[] archive) {
    return new ZipArchiveInputStream(
        new ByteArrayInputStream(archive), StandardCharsets.UTF_8.name(), false, true);
  }

  /** How often {@code part} occurs in {@code text}. */
  static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
