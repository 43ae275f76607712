package dev.translation.launcher.models;

/** Where a registered model version stands. */
public enum ModelState {
  /** Registered (it passed its gate), serving nobody. */
  CANDIDATE,
  /** Serving a share of its language pair's segments beside the active version. */
  CANARY,
  /** Serving its language pair's segments (all of them, or all outside a canary). */
  ACTIVE,
  /** Served before, replaced since; a rollback can bring it back. */
  RETIRED
}
