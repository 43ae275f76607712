package dev.translation.launcher.batch;

import dev.translation.launcher.batch.input.CorpusLine;
import dev.translation.launcher.batch.input.CorpusLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads this shard's items (its corpus lines, or its documents) and cuts each into segments. Its
 * position is the number of items read, saved with every committed chunk, so a restarted shard
 * skips exactly the items whose segments are already written.
 */
public class ShardItemReader implements ItemStreamReader<SegmentedItem> {

  static final String ITEMS_READ = "items.read";

  private final CurrentShard current;
  private final ShardTexts texts;
  private final int maxLineBytes;
  private CorpusLines lines;
  private long read;

  public ShardItemReader(CurrentShard current, ShardTexts texts, int maxLineBytes) {
    this.current = current;
    this.texts = texts;
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public void open(ExecutionContext context) {
    ShardPlan plan = current.plan();
    read = context.getLong(ITEMS_READ, 0L);
    if (!plan.documentsMode()) {
      try {
        lines = CorpusLines.open(plan.input(), maxLineBytes);
        lines.skip(plan.lines().first() + read);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public SegmentedItem read() throws IOException {
    ShardPlan plan = current.plan();
    if (read >= plan.items()) {
      return null;
    }
    SegmentedItem item;
    if (plan.documentsMode()) {
      item = texts.segmented(texts.document(plan.input(), plan.documents().get((int) read)));
    } else {
      CorpusLine line = lines.next();
      if (line == null) {
        throw new BadInputException("the corpus is shorter than when the batch started");
      }
      item = texts.line(plan.shape(), line);
    }
    read++;
    return item;
  }

  @Override
  public void update(ExecutionContext context) {
    context.putLong(ITEMS_READ, read);
  }

  @Override
  public void close() {
    if (lines != null) {
      try {
        lines.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      lines = null;
    }
  }
}
