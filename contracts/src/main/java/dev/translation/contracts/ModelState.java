package dev.translation.contracts;

/**
 * Where a model version stands in the registry ({@code model_versions.state}) and in promotion
 * events on {@link Topics#MODEL_EVENTS}. Rollback is a promotion of the previous version.
 */
public enum ModelState {
  /** Registered after passing its evaluation gate; serves no traffic yet. */
  CANDIDATE,
  /** Serves a percentage of traffic beside the active version. */
  CANARY,
  /** Serves all traffic of its language pair not routed to a canary; at most one per pair. */
  ACTIVE,
  /** No longer served; kept so that segments can name the version that produced them. */
  RETIRED
}
