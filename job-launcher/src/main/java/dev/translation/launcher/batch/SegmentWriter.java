package dev.translation.launcher.batch;

import dev.translation.contracts.Sha256;
import dev.translation.launcher.persistence.CorpusBatchRepository;
import dev.translation.launcher.persistence.NewSegment;
import dev.translation.launcher.persistence.ShardJobRepository;
import dev.translation.segmentation.TextPiece;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Writes a chunk's segments into the shard's job, numbered on from the last committed chunk, and
 * answers from the translation memory what the active model version has translated before (those
 * segments are written done and never reach Kafka). The next numbers are saved with the chunk, so a
 * restart continues the numbering exactly where the committed segments end.
 */
public class SegmentWriter implements ItemStreamWriter<SegmentedItem> {

  static final String NEXT_SEGMENT = "segments.next";
  static final String NEXT_TEXT = "texts.next";
  static final String ITEMS_WRITTEN = "items.written";
  static final String MEMORY_HITS = "memory.hits";

  private final CurrentShard current;
  private final ShardJobRepository jobs;
  private final CorpusBatchRepository batches;
  private int nextSegment;
  private int nextText;
  private long items;
  private long memoryHits;
  private String modelVersion;

  public SegmentWriter(
      CurrentShard current, ShardJobRepository jobs, CorpusBatchRepository batches) {
    this.current = current;
    this.jobs = jobs;
    this.batches = batches;
  }

  @Override
  public void open(ExecutionContext context) {
    nextSegment = context.getInt(NEXT_SEGMENT, 0);
    nextText = context.getInt(NEXT_TEXT, 0);
    items = context.getLong(ITEMS_WRITTEN, 0L);
    memoryHits = context.getLong(MEMORY_HITS, 0L);
    modelVersion =
        jobs.activeModelVersion(current.plan().batch().languages().toString()).orElse(null);
    batches.phase(current.assignment().batchId(), current.assignment().shard(), "read");
  }

  @Override
  public void write(Chunk<? extends SegmentedItem> chunk) {
    List<NewSegment> segments = new ArrayList<>();
    int texts = 0;
    int segment = nextSegment;
    int text = nextText;
    for (SegmentedItem item : chunk) {
      for (List<TextPiece> pieces : item.texts()) {
        for (TextPiece piece : pieces) {
          segments.add(
              new NewSegment(
                  segment++,
                  text,
                  piece.lineBreaks(),
                  piece.text(),
                  Sha256.hex(piece.text()),
                  null,
                  null));
        }
        text++;
        texts++;
      }
    }
    List<NewSegment> answered = fromMemory(segments);
    String jobId = current.assignment().jobId();
    jobs.addSegments(jobId, answered, texts);
    long hits = answered.stream().filter(NewSegment::remembered).count();
    batches.itemsRead(
        current.assignment().batchId(), current.assignment().shard(), items + chunk.size());
    nextSegment = segment;
    nextText = text;
    items += chunk.size();
    memoryHits += hits;
  }

  private List<NewSegment> fromMemory(List<NewSegment> segments) {
    if (modelVersion == null || segments.isEmpty()) {
      return segments;
    }
    String pair = current.plan().batch().languages().toString();
    Map<String, String> sources = new HashMap<>();
    segments.forEach(s -> sources.put(s.sourceHash(), s.text()));
    Map<String, String> remembered = jobs.remembered(pair, modelVersion, sources);
    if (remembered.isEmpty()) {
      return segments;
    }
    Map<String, Integer> hits = new LinkedHashMap<>();
    List<NewSegment> answered = new ArrayList<>(segments.size());
    for (NewSegment s : segments) {
      String translation = remembered.get(s.sourceHash());
      if (translation == null) {
        answered.add(s);
      } else {
        hits.merge(s.sourceHash(), 1, Integer::sum);
        answered.add(
            new NewSegment(
                s.index(),
                s.textIndex(),
                s.lineBreaks(),
                s.text(),
                s.sourceHash(),
                translation,
                modelVersion));
      }
    }
    jobs.countHits(pair, modelVersion, hits);
    return answered;
  }

  @Override
  public void update(ExecutionContext context) {
    context.putInt(NEXT_SEGMENT, nextSegment);
    context.putInt(NEXT_TEXT, nextText);
    context.putLong(ITEMS_WRITTEN, items);
    context.putLong(MEMORY_HITS, memoryHits);
  }
}
