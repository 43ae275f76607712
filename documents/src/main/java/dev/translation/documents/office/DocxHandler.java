package dev.translation.documents.office;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.FormatHandler;
import dev.translation.documents.TextTranslation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.xwpf.usermodel.XWPFRelation;

/**
 * Word documents (DOCX). The texts are the paragraphs of the body, then of the headers, footers,
 * footnotes and endnotes; see {@link WordParagraphs} for what a paragraph's text is and what stays
 * untouched. Comments are not translated: they are notes for the document's editors.
 *
 * <p>A translated paragraph keeps its runs and their formatting: {@link SpanDistribution} spreads
 * the translation over them. Only the text of runs changes; hyperlinks keep their targets, and
 * numbering, styles, images, fields and bookmarks stay as they were.
 */
public final class DocxHandler implements FormatHandler {

  private static final List<String> SECONDARY_PARTS =
      List.of(
          XWPFRelation.HEADER.getRelation(),
          XWPFRelation.FOOTER.getRelation(),
          XWPFRelation.FOOTNOTE.getRelation(),
          XWPFRelation.ENDNOTE.getRelation());

  private final OfficePackageGuard guard;

  /** A handler that enforces {@code limits}. */
  public DocxHandler(DocumentLimits limits) {
    this.guard = new OfficePackageGuard(limits);
  }

  @Override
  public DocumentFormat format() {
    return DocumentFormat.DOCX;
  }

  @Override
  public List<String> texts(byte[] document) {
    try (OfficePackage pkg = open(document)) {
      return read(pkg).texts();
    }
  }

  @Override
  public byte[] translate(byte[] document, List<TextTranslation> translations) {
    try (OfficePackage pkg = open(document)) {
      return read(pkg).translate(translations);
    }
  }

  /** The body, then headers, footers, footnotes and endnotes, each kind by part name. */
  private static PartTexts read(OfficePackage pkg) {
    PackagePart body = pkg.mainPart(WordParagraphs.W, "document");
    List<PackagePart> parts = new ArrayList<>(List.of(body));
    for (String relation : SECONDARY_PARTS) {
      pkg.related(body, relation).stream()
          .sorted(Comparator.comparing(part -> part.getPartName().getName()))
          .filter(part -> !parts.contains(part))
          .forEach(parts::add);
    }
    PartTexts texts = new PartTexts(pkg);
    for (PackagePart part : parts) {
      texts.add(part, WordParagraphs::of);
    }
    return texts;
  }

  private OfficePackage open(byte[] document) {
    return OfficePackage.open(document, guard, "DOCX");
  }
}
