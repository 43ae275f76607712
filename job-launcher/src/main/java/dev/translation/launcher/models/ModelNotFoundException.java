package dev.translation.launcher.models;

/** No model version (or no rollout of a language pair) by that name: 404. */
public class ModelNotFoundException extends RuntimeException {
  public ModelNotFoundException(String message) {
    super(message);
  }
}
