package dev.translation.launcher.batch.output;

import dev.translation.launcher.persistence.ShardJobRepository;
import dev.translation.launcher.persistence.ShardSegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A shard job's segments, text by text, in order, read a page at a time so that a corpus of any
 * size is never held in memory.
 */
public final class TextStream {

  private static final int PAGE = 5000;

  private final ShardJobRepository jobs;
  private final String jobId;
  private final Deque<ShardSegment> page = new ArrayDeque<>();
  private int nextIndex;
  private boolean exhausted;

  public TextStream(ShardJobRepository jobs, String jobId) {
    this.jobs = jobs;
    this.jobId = jobId;
  }

  /**
   * The next text's segments.
   *
   * @throws IllegalStateException when the job holds fewer texts than the input (the input changed
   *     under the batch)
   */
  public List<ShardSegment> nextText() {
    fill();
    ShardSegment first = page.poll();
    if (first == null) {
      throw new IllegalStateException("the job has fewer texts than the input");
    }
    List<ShardSegment> text = new ArrayList<>();
    text.add(first);
    while (true) {
      fill();
      ShardSegment next = page.peek();
      if (next == null || next.textIndex() != first.textIndex()) {
        return text;
      }
      text.add(page.poll());
    }
  }

  /** Whether segments are left after the texts taken so far. */
  public boolean hasMore() {
    fill();
    return !page.isEmpty();
  }

  private void fill() {
    if (page.isEmpty() && !exhausted) {
      List<ShardSegment> next = jobs.segmentsFrom(jobId, nextIndex, PAGE);
      page.addAll(next);
      exhausted = next.size() < PAGE;
      if (!next.isEmpty()) {
        nextIndex = next.getLast().index() + 1;
      }
    }
  }
}
