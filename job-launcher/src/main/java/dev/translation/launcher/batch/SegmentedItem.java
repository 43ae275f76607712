package dev.translation.launcher.batch;

import dev.translation.segmentation.TextPiece;
import java.util.List;

/**
 * One input item (a corpus line or a document) cut into segments: its texts, each a list of
 * sentence pieces. A line with no text (blank, or one that could not be read) has none.
 *
 * @param texts the item's texts that hold words, each cut into pieces
 */
public record SegmentedItem(List<List<TextPiece>> texts) {}
