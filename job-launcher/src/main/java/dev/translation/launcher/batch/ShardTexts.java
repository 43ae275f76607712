package dev.translation.launcher.batch;

import dev.translation.documents.DocumentException;
import dev.translation.documents.FormatHandler;
import dev.translation.documents.FormatHandlers;
import dev.translation.launcher.batch.input.CorpusLine;
import dev.translation.launcher.batch.input.CorpusShape;
import dev.translation.launcher.batch.input.DocumentFolder;
import dev.translation.segmentation.SentenceSegmenter;
import dev.translation.segmentation.TextPiece;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How an input item becomes texts and segments. The read step and the output step both ask it, so
 * an item's i-th text is the same text when its segments are written and when its translation is
 * put back.
 */
public final class ShardTexts {

  /** A document as read: its handler and texts, or why it cannot be read. */
  public record Document(
      byte[] content, FormatHandler handler, List<String> texts, String problem) {}

  private final FormatHandlers handlers;
  private final SentenceSegmenter segmenter;

  public ShardTexts(FormatHandlers handlers, int maxSegmentCharacters, String sourceLanguage) {
    this.handlers = handlers;
    this.segmenter =
        new SentenceSegmenter(maxSegmentCharacters, Locale.forLanguageTag(sourceLanguage));
  }

  /** A text's pieces, or empty when it holds no words (it is then not translated at all). */
  public List<TextPiece> pieces(String text) {
    List<TextPiece> pieces = segmenter.split(text);
    return pieces.size() == 1 && pieces.getFirst().text().isEmpty() ? List.of() : pieces;
  }

  /** The text of a corpus line, or null when it has none. */
  public static String text(CorpusShape shape, CorpusLine line) {
    return line.text() == null ? null : shape.source(line.text()).text();
  }

  /** A corpus line's segmented text. */
  public SegmentedItem line(CorpusShape shape, CorpusLine line) {
    String text = text(shape, line);
    List<TextPiece> pieces = text == null ? List.of() : pieces(text);
    return new SegmentedItem(pieces.isEmpty() ? List.of() : List.of(pieces));
  }

  /**
   * The largest document read: a batch runner holds a document and its translation in memory at
   * once. A larger file is reported, not read.
   */
  public static final long MAX_DOCUMENT_BYTES = 100L << 20;

  /** Reads a document of the shard. */
  public Document document(Path input, Path relative) throws IOException {
    Path file = DocumentFolder.resolve(input, relative);
    if (Files.size(file) > MAX_DOCUMENT_BYTES) {
      return new Document(
          new byte[0], null, List.of(), "is larger than " + (MAX_DOCUMENT_BYTES >> 20) + " MiB");
    }
    byte[] content = Files.readAllBytes(file);
    try {
      FormatHandler handler = handlers.forFile(content, file.getFileName().toString());
      return new Document(content, handler, handler.texts(content), null);
    } catch (DocumentException e) {
      return new Document(content, null, List.of(), e.getMessage());
    }
  }

  /** A document's segmented texts. */
  public SegmentedItem segmented(Document document) {
    List<List<TextPiece>> texts = new ArrayList<>();
    for (String text : document.texts()) {
      List<TextPiece> pieces = pieces(text);
      if (!pieces.isEmpty()) {
        texts.add(pieces);
      }
    }
    return new SegmentedItem(texts);
  }
}
