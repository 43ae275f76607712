package dev.translation.documents;

/**
 * What one document may cost to read. Every handler enforces these before or while parsing, so a
 * hostile file is refused with a {@link DocumentTooLargeException} instead of exhausting memory.
 *
 * @param maxTexts most translatable texts one document may hold
 * @param maxUnpackedBytes most bytes the entries of a zipped format (DOCX, PPTX, XLSX) may unpack
 *     to
 * @param maxCompressionRatio highest unpacked/packed ratio of any zip entry (zip bombs compress far
 *     better than real documents)
 * @param maxNestingDepth deepest element nesting of HTML or XML
 */
public record DocumentLimits(
    int maxTexts, long maxUnpackedBytes, double maxCompressionRatio, int maxNestingDepth) {

  /** Generous for real documents, far below what would hurt a 512 MiB API process. */
  public static final DocumentLimits DEFAULTS = new DocumentLimits(20_000, 200L << 20, 100, 256);

  /** Validates the limits. */
  public DocumentLimits {
    if (maxTexts < 1 || maxUnpackedBytes < 1 || maxCompressionRatio < 1 || maxNestingDepth < 8) {
      throw new IllegalArgumentException("document limits must be positive (nesting depth >= 8)");
    }
  }
}
