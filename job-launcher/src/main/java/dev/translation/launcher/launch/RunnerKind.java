package dev.translation.launcher.launch;

/**
 * What a run of the batch runner does, told by its id: corpus batches are {@code b...}, model
 * refreshes {@code refresh-...}, retrainings {@code retrain-...}. Executors run all three the same
 * way (a Kubernetes Job with the same retry semantics, or local processes); only the Job's name,
 * labels and whether the models volume is writable differ.
 */
public enum RunnerKind {
  CORPUS_BATCH("corpus-batch", false),
  MODEL_REFRESH("model-refresh", true),
  MODEL_RETRAIN("model-retrain", true);

  /** Id prefix of a model refresh. */
  public static final String REFRESH_PREFIX = "refresh-";

  /** Id prefix of a retraining. */
  public static final String RETRAIN_PREFIX = "retrain-";

  private final String component;
  private final boolean writesModels;

  RunnerKind(String component, boolean writesModels) {
    this.component = component;
    this.writesModels = writesModels;
  }

  /** The kind of the run with this id. */
  public static RunnerKind of(String id) {
    if (id.startsWith(REFRESH_PREFIX)) {
      return MODEL_REFRESH;
    }
    if (id.startsWith(RETRAIN_PREFIX)) {
      return MODEL_RETRAIN;
    }
    return CORPUS_BATCH;
  }

  /** Whether this is a model job rather than a corpus batch. */
  public boolean isModelJob() {
    return this != CORPUS_BATCH;
  }

  /** The {@code app.kubernetes.io/component} label of its Job and pods. */
  public String component() {
    return component;
  }

  /**
   * Whether it writes bundles to the models volume: a refresh keeps a copy of what it registers, a
   * retraining writes what it trained.
   */
  public boolean writesModels() {
    return writesModels;
  }
}
