package dev.translation.submit.jobs;

import dev.translation.contracts.SegmentStatus;
import dev.translation.segmentation.SentenceSegmenter;
import dev.translation.segmentation.TextPiece;
import dev.translation.submit.persistence.StoredSegment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Puts a job's segments back together into the texts the client sent. */
final class TextAssembler {

  private TextAssembler() {}

  /**
   * The texts, in input order.
   *
   * @param segments the job's segments in index order (so each text's segments are consecutive)
   */
  static List<TextResult> texts(List<StoredSegment> segments) {
    List<TextResult> texts = new ArrayList<>();
    int from = 0;
    for (int to = 1; to <= segments.size(); to++) {
      if (to == segments.size() || segments.get(to).textIndex() != segments.get(from).textIndex()) {
        texts.add(text(segments.subList(from, to)));
        from = to;
      }
    }
    return texts;
  }

  private static TextResult text(List<StoredSegment> pieces) {
    int index = pieces.getFirst().textIndex();
    StoredSegment failed = null;
    boolean pending = false;
    boolean cancelled = false;
    Set<String> models = new LinkedHashSet<>();
    for (StoredSegment piece : pieces) {
      switch (piece.status()) {
        case PENDING -> pending = true;
        case FAILED -> failed = failed == null ? piece : failed;
        case CANCELLED -> cancelled = true;
        case DONE -> models.add(piece.modelVersion());
      }
    }
    String model = models.isEmpty() ? null : String.join(",", models);
    if (pending) {
      return new TextResult(index, SegmentStatus.PENDING, null, null, model);
    }
    if (failed != null) {
      String error =
          pieces.size() == 1
              ? failed.error()
              : "sentence "
                  + (pieces.indexOf(failed) + 1)
                  + " of "
                  + pieces.size()
                  + " failed: "
                  + failed.error();
      return new TextResult(index, SegmentStatus.FAILED, null, error, model);
    }
    if (cancelled) {
      return new TextResult(index, SegmentStatus.CANCELLED, null, null, model);
    }
    List<TextPiece> layout =
        pieces.stream().map(p -> new TextPiece(p.translation(), p.lineBreaks())).toList();
    return new TextResult(
        index, SegmentStatus.DONE, SentenceSegmenter.join(layout, TextPiece::text), null, model);
  }
}
