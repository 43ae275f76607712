package dev.translation.launcher.kubernetes;

import dev.translation.launcher.launch.ExecutionEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every report, in order, for a test to look at. */
final class RecordingExecutionEvents implements ExecutionEvents {

  enum Kind {
    ATTEMPT_FAILED,
    SHARD_FAILED,
    BATCH_FAILED,
    BATCH_COMPLETED
  }

  record Event(Kind kind, String batchId, int shard, int exitCode, String reason) {}

  private final List<Event> events = new CopyOnWriteArrayList<>();

  @Override
  public void attemptFailed(String batchId, int shard, int exitCode, String reason) {
    events.add(new Event(Kind.ATTEMPT_FAILED, batchId, shard, exitCode, reason));
  }

  @Override
  public void shardFailed(String batchId, int shard, String reason) {
    events.add(new Event(Kind.SHARD_FAILED, batchId, shard, 0, reason));
  }

  @Override
  public void batchFailed(String batchId, String reason) {
    events.add(new Event(Kind.BATCH_FAILED, batchId, -1, 0, reason));
  }

  @Override
  public void batchCompleted(String batchId) {
    events.add(new Event(Kind.BATCH_COMPLETED, batchId, -1, 0, null));
  }

  /** The batch's reports of one kind, in the order they came. */
  List<Event> of(String batchId, Kind kind) {
    return events.stream().filter(e -> e.batchId().equals(batchId) && e.kind() == kind).toList();
  }

  /** All of the batch's reports, in the order they came. */
  List<Event> of(String batchId) {
    return events.stream().filter(e -> e.batchId().equals(batchId)).toList();
  }
}
