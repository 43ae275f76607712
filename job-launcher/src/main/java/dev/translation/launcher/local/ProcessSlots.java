package dev.translation.launcher.local;

import dev.translation.launcher.corpus.BatchPriority;
import java.util.Comparator;
import java.util.TreeSet;

/**
 * At most {@code max} runner processes at once; waiting shards get a slot by priority (high first),
 * then in the order they asked.
 */
final class ProcessSlots {

  private record Waiter(BatchPriority priority, long ticket) {}

  private static final Comparator<Waiter> ORDER =
      Comparator.comparing((Waiter w) -> w.priority().ordinal())
          .reversed()
          .thenComparingLong(Waiter::ticket);

  private final int max;
  private final TreeSet<Waiter> waiting = new TreeSet<>(ORDER);
  private int used;
  private long tickets;

  ProcessSlots(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("at least one process must be allowed");
    }
    this.max = max;
  }

  synchronized void acquire(BatchPriority priority) throws InterruptedException {
    Waiter me = new Waiter(priority, tickets++);
    waiting.add(me);
    try {
      while (used >= max || !waiting.first().equals(me)) {
        wait();
      }
      used++;
    } finally {
      waiting.remove(me);
      notifyAll();
    }
  }

  synchronized void release() {
    used--;
    notifyAll();
  }
}
