package dev.translation.documents.xliff;

import dev.translation.documents.DocumentTooLargeException;
import java.util.ArrayList;
import java.util.List;

/** The units found so far, refusing the file as soon as they hold more texts than allowed. */
final class XliffUnits {

  private final int maxTexts;
  private final List<XliffUnit> units = new ArrayList<>();
  private int texts;

  XliffUnits(int maxTexts) {
    this.maxTexts = maxTexts;
  }

  void add(XliffUnit unit) {
    texts += unit.texts().size();
    if (texts > maxTexts) {
      throw new DocumentTooLargeException(
          "the file has more than " + maxTexts + " texts, the most accepted");
    }
    units.add(unit);
  }

  List<XliffUnit> list() {
    return units;
  }

  int textCount() {
    return texts;
  }
}
