package dev.translation.documents.office;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
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
public final class DocxHandler extends PartTextsHandler {

  private static final List<String> SECONDARY_PARTS =
      List.of(
          XWPFRelation.HEADER.getRelation(),
          XWPFRelation.FOOTER.getRelation(),
          XWPFRelation.FOOTNOTE.getRelation(),
          XWPFRelation.ENDNOTE.getRelation());

  /** A handler that enforces {@code limits}. */
  public DocxHandler(DocumentLimits limits) {
    super(limits, DocumentFormat.DOCX);
  }

  /** The body, then headers, footers, footnotes and endnotes, each kind by part name. */
  @Override
  PartTexts read(OfficePackage pkg) {
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
}
