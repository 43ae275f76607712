package dev.translation.launcher.corpus;

import java.util.Locale;

/** Where one shard of a batch stands; stored by name in {@code corpus_batch_shards.status}. */
public enum ShardState {
  QUEUED(false),
  RUNNING(false),
  SUCCEEDED(true),
  FAILED(true),
  CANCELLED(true);

  private final boolean terminal;

  ShardState(boolean terminal) {
    this.terminal = terminal;
  }

  /** Whether the shard will never change state again. */
  public boolean isTerminal() {
    return terminal;
  }

  /** The name in the API. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
