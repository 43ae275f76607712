package dev.translation.documents.office;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.FormatHandler;
import dev.translation.documents.TextTranslation;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.xml.namespace.QName;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.w3c.dom.Element;

/**
 * Excel workbooks (XLSX). Only string cells are translated: each distinct shared string once (Excel
 * keeps one copy of a string however many cells show it, so its translation lands in all of them),
 * then the inline strings of each sheet, cell by cell, in sheet order. Rich text keeps its runs'
 * fonts ({@link SpanDistribution}).
 *
 * <p>Untouched: numbers, dates, booleans, formulas and their cached results, sheet and defined
 * names, styles, comments (notes for the workbook's editors; Excel's threaded comments also keep a
 * second copy elsewhere), headers and footers, charts and drawings.
 *
 * <p>Worksheets and the shared strings are streamed, never held whole in memory: a sheet of a
 * million numbers costs one pass, not a tree of a million cells.
 */
public final class XlsxHandler implements FormatHandler {

  private static final String R =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

  private final DocumentLimits limits;
  private final OfficePackageGuard guard;

  /** A handler that enforces {@code limits}. */
  public XlsxHandler(DocumentLimits limits) {
    this.limits = limits;
    this.guard = new OfficePackageGuard(limits);
  }

  @Override
  public DocumentFormat format() {
    return DocumentFormat.XLSX;
  }

  @Override
  public List<String> texts(byte[] document) {
    try (OfficePackage pkg = open(document)) {
      List<String> texts = new ArrayList<>();
      for (StringPart part : stringParts(pkg)) {
        stream(
            pkg,
            part,
            null,
            text -> {
              texts.add(text.text());
              pkg.checkTextCount(texts.size());
            });
      }
      return texts;
    }
  }

  @Override
  public byte[] translate(byte[] document, List<TextTranslation> translations) {
    try (OfficePackage pkg = open(document)) {
      int[] next = {0};
      for (StringPart part : stringParts(pkg)) {
        int first = next[0];
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        stream(
            pkg,
            part,
            rewritten,
            text -> {
              if (next[0] < translations.size()) {
                text.replace(translations.get(next[0]).text());
              }
              pkg.checkTextCount(++next[0]);
            });
        if (next[0] > first) {
          pkg.write(part.part(), rewritten.toByteArray());
        }
      }
      if (next[0] != translations.size()) {
        throw new IllegalArgumentException(
            "the XLSX has " + next[0] + " texts but " + translations.size() + " translations came");
      }
      return pkg.save();
    }
  }

  private OfficePackage open(byte[] document) {
    return OfficePackage.open(document, guard, "XLSX");
  }

  /**
   * Streams {@code part}, handing each non-blank string to {@code text} and writing the part, with
   * what {@code text} changed, to {@code out} (when not null).
   */
  private void stream(
      OfficePackage pkg, StringPart part, ByteArrayOutputStream out, Consumer<SpannedText> text) {
    Consumer<Element> item =
        element -> {
          SpannedText string = SpreadsheetStrings.of(element);
          if (!string.text().isBlank()) {
            text.accept(string);
            if (out != null) {
              SpreadsheetStrings.dropPhoneticGuides(element);
            }
          }
        };
    pkg.reading(
        () -> {
          try (InputStream in = part.part().getInputStream()) {
            OfficeXml.rewrite(
                in, out, limits, part.shared() ? sharedString() : inlineString(), item);
          }
          return null;
        });
  }

  /** The shared strings, then every worksheet in the order the workbook lists them. */
  private static List<StringPart> stringParts(OfficePackage pkg) {
    PackagePart workbook = pkg.mainPart(SpreadsheetStrings.S, "workbook");
    List<StringPart> parts = new ArrayList<>();
    pkg.related(workbook, XSSFRelation.SHARED_STRINGS.getRelation()).stream()
        .findFirst()
        .ifPresent(strings -> parts.add(new StringPart(strings, true)));
    for (Element sheet :
        Dom.descendants(pkg.xml(workbook).getDocumentElement(), SpreadsheetStrings.S, "sheet")) {
      PackagePart part =
          pkg.related(
              workbook, sheet.getAttributeNS(R, "id"), XSSFRelation.WORKSHEET.getRelation());
      if (part != null && parts.stream().noneMatch(known -> known.part().equals(part))) {
        parts.add(new StringPart(part, false));
      }
    }
    return parts;
  }

  private static Predicate<StartElement> sharedString() {
    return start -> isString(start, "si");
  }

  /** An {@code is} in a cell of type {@code inlineStr}: the predicate follows the cells. */
  private static Predicate<StartElement> inlineString() {
    String[] cellType = {""};
    return start -> {
      if (isString(start, "c")) {
        Attribute type = start.getAttributeByName(new QName("t"));
        cellType[0] = type == null ? "" : type.getValue();
        return false;
      }
      return isString(start, "is") && cellType[0].equals("inlineStr");
    };
  }

  private static boolean isString(StartElement start, String localName) {
    return start.getName().getLocalPart().equals(localName)
        && start.getName().getNamespaceURI().equals(SpreadsheetStrings.S);
  }

  /** A part holding strings: the shared strings, or a worksheet with inline strings. */
  private record StringPart(PackagePart part, boolean shared) {}
}
