package dev.translation.launcher.batch;

/**
 * The shard this process runs and, once the prepare step has worked it out, its plan. A runner
 * process runs one shard, so the steps share it as a singleton.
 */
public final class CurrentShard {

  private final ShardAssignment assignment;
  private volatile ShardPlan plan;

  public CurrentShard(ShardAssignment assignment) {
    this.assignment = assignment;
  }

  public ShardAssignment assignment() {
    return assignment;
  }

  /** The plan; only after the prepare step ran in this process. */
  public ShardPlan plan() {
    if (plan == null) {
      throw new IllegalStateException("the shard has not been prepared");
    }
    return plan;
  }

  void plan(ShardPlan plan) {
    this.plan = plan;
  }
}
