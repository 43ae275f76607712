package dev.translation.launcher.models;

/** The change does not fit the rollout as it stands (e.g. nothing to roll back to): 409. */
public class RolloutConflictException extends RuntimeException {
  public RolloutConflictException(String message) {
    super(message);
  }
}
