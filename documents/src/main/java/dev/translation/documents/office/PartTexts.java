package dev.translation.documents.office;

import dev.translation.documents.TextTranslation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.w3c.dom.Document;

/**
 * The texts of some XML parts of one package, in the order the parts were added: each part is
 * parsed once, and written back only if it holds a text.
 */
final class PartTexts {

  private final OfficePackage pkg;
  private final List<Part> parts = new ArrayList<>();
  private int count;

  PartTexts(OfficePackage pkg) {
    this.pkg = pkg;
  }

  /** Adds {@code part}'s texts, as {@code reader} finds them in its XML. */
  void add(PackagePart part, Function<Document, List<SpannedText>> reader) {
    Document xml = pkg.xml(part);
    List<SpannedText> texts = reader.apply(xml);
    parts.add(new Part(part, xml, texts));
    count += texts.size();
    pkg.checkTextCount(count);
  }

  /** All texts, in order. */
  List<String> texts() {
    List<String> texts = new ArrayList<>(count);
    for (Part part : parts) {
      for (SpannedText text : part.texts()) {
        texts.add(text.text());
      }
    }
    return texts;
  }

  /**
   * The package with each text replaced by its translation.
   *
   * @throws IllegalArgumentException when there are not as many translations as texts
   */
  byte[] translate(List<TextTranslation> translations) {
    if (translations.size() != count) {
      throw new IllegalArgumentException(
          "the document has " + count + " texts but " + translations.size() + " translations came");
    }
    int next = 0;
    for (Part part : parts) {
      if (part.texts().isEmpty()) {
        continue;
      }
      for (SpannedText text : part.texts()) {
        text.replace(translations.get(next++).text());
      }
      pkg.write(part.part(), part.xml());
    }
    return pkg.save();
  }

  private record Part(PackagePart part, Document xml, List<SpannedText> texts) {}
}
