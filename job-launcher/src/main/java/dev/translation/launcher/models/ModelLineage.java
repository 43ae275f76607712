package dev.translation.launcher.models;

import dev.translation.engine.bundle.ModelManifest;
import java.util.LinkedHashMap;
import java.util.Map;

/** A bundle's training record, as the registry keeps it under a version's lineage. */
public final class ModelLineage {

  private ModelLineage() {}

  /** The manifest's training data, base version, steps, time and machine. */
  public static Map<String, Object> of(ModelManifest manifest) {
    Map<String, Object> lineage = new LinkedHashMap<>();
    ModelManifest.Training training = manifest.training();
    if (training != null) {
      lineage.put("data", training.data());
      lineage.put("basedOn", training.basedOn());
      lineage.put("steps", training.steps());
      lineage.put("minutes", training.minutes());
      lineage.put("machine", training.machine());
    }
    return lineage;
  }
}
