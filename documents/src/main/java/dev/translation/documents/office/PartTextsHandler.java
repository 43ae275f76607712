package dev.translation.documents.office;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.FormatHandler;
import dev.translation.documents.TextTranslation;
import java.util.List;

/**
 * An office format whose texts are the paragraphs of some of its XML parts (DOCX, PPTX): the
 * package is checked by the guard and opened, the parts are read into {@link PartTexts}, and those
 * list the texts or write the translations back.
 */
abstract sealed class PartTextsHandler implements FormatHandler permits DocxHandler, PptxHandler {

  private final OfficePackageGuard guard;
  private final DocumentFormat format;

  PartTextsHandler(DocumentLimits limits, DocumentFormat format) {
    this.guard = new OfficePackageGuard(limits);
    this.format = format;
  }

  @Override
  public final DocumentFormat format() {
    return format;
  }

  @Override
  public final List<String> texts(byte[] document) {
    try (OfficePackage pkg = OfficePackage.open(document, guard, format.name())) {
      return read(pkg).texts();
    }
  }

  @Override
  public final byte[] translate(byte[] document, List<TextTranslation> translations) {
    try (OfficePackage pkg = OfficePackage.open(document, guard, format.name())) {
      return read(pkg).translate(translations);
    }
  }

  /** The texts of the parts this format translates, in document order. */
  abstract PartTexts read(OfficePackage pkg);
}
