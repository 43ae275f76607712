package dev.translation.launcher.corpus;

import java.util.Locale;

/**
 * How urgent a batch is against other batches. It never moves a batch onto the interactive lane: it
 * orders batches waiting for an executor slot, and on Kubernetes picks the pods' priority class.
 */
public enum BatchPriority {
  LOW,
  NORMAL,
  HIGH;

  /** The name in the API and on the command line. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
