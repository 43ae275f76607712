package dev.translation.documents.office;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.xslf.usermodel.XSLFRelation;
import org.w3c.dom.Element;

/**
 * PowerPoint presentations (PPTX). The texts are the paragraphs of each slide (text boxes,
 * placeholders, tables, grouped shapes; see {@link DrawingParagraphs}), each slide followed by its
 * speaker notes, in the order the presentation shows the slides. Slide layouts and masters are not
 * translated: their texts are prompts and decoration the slides override. Charts and SmartArt keep
 * their text.
 *
 * <p>As in Word documents, a translated paragraph keeps its runs and their formatting ({@link
 * SpanDistribution}).
 */
public final class PptxHandler extends PartTextsHandler {

  private static final String P = "http://schemas.openxmlformats.org/presentationml/2006/main";
  private static final String R =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

  /** A handler that enforces {@code limits}. */
  public PptxHandler(DocumentLimits limits) {
    super(limits, DocumentFormat.PPTX);
  }

  @Override
  PartTexts read(OfficePackage pkg) {
    PackagePart presentation = pkg.mainPart(P, "presentation");
    List<PackagePart> parts = new ArrayList<>();
    for (Element slideId :
        Dom.descendants(pkg.xml(presentation).getDocumentElement(), P, "sldId")) {
      PackagePart slide =
          pkg.related(
              presentation, slideId.getAttributeNS(R, "id"), XSLFRelation.SLIDE.getRelation());
      if (slide == null || parts.contains(slide)) {
        continue;
      }
      parts.add(slide);
      pkg.related(slide, XSLFRelation.NOTES.getRelation()).stream()
          .findFirst()
          .filter(notes -> !parts.contains(notes))
          .ifPresent(parts::add);
    }
    PartTexts texts = new PartTexts(pkg);
    for (PackagePart part : parts) {
      texts.add(part, DrawingParagraphs::of);
    }
    return texts;
  }
}
