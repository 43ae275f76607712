package dev.translation.launcher.batch;

import dev.translation.launcher.persistence.ShardJobRepository;
import dev.translation.outbox.TranslationBatchMessages.SegmentToPublish;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the shard job's pending segments in index order, a page at a time. Its position is the last
 * index read, saved with every committed chunk of messages, so a restart publishes each pending
 * segment exactly once more at most (and only if its chunk had not committed).
 */
public class PendingSegmentReader implements ItemStreamReader<SegmentToPublish> {

  static final String LAST_INDEX = "publish.after";
  private static final int PAGE = 2000;

  private final CurrentShard current;
  private final ShardJobRepository jobs;
  private final Deque<SegmentToPublish> page = new ArrayDeque<>();
  private int lastRead;
  private boolean exhausted;

  public PendingSegmentReader(CurrentShard current, ShardJobRepository jobs) {
    this.current = current;
    this.jobs = jobs;
  }

  @Override
  public void open(ExecutionContext context) {
    lastRead = context.getInt(LAST_INDEX, -1);
    page.clear();
    exhausted = false;
  }

  @Override
  public SegmentToPublish read() {
    if (page.isEmpty() && !exhausted) {
      int after = lastRead;
      for (int[] pending : jobs.pendingAfter(current.assignment().jobId(), after, PAGE)) {
        page.add(new SegmentToPublish(pending[0], pending[1]));
      }
      exhausted = page.size() < PAGE;
    }
    SegmentToPublish next = page.poll();
    if (next != null) {
      lastRead = next.index();
    }
    return next;
  }

  @Override
  public void update(ExecutionContext context) {
    context.putInt(LAST_INDEX, lastRead);
  }
}
