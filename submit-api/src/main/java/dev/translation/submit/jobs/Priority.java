package dev.translation.submit.jobs;

import java.util.Locale;

/** What the client asked for in {@code priority}. */
public enum Priority {
  INTERACTIVE,
  BATCH;

  /** The wire form, lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
