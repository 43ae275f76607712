package dev.translation.submit.jobs;

/** A correction that a model has already been trained (or evaluated) with cannot change: 409. */
public class CorrectionAlreadyUsedException extends RuntimeException {

  private final String usedByModel;

  public CorrectionAlreadyUsedException(String jobId, int index, String usedByModel) {
    super(
        "the correction of segment "
            + index
            + " of job "
            + jobId
            + " was already used to train "
            + usedByModel
            + " and can no longer be replaced");
    this.usedByModel = usedByModel;
  }

  /** The model version whose retraining used the correction. */
  public String usedByModel() {
    return usedByModel;
  }
}
