package dev.translation.launcher.launch;

/** No batch with that id belongs to the caller (whether it exists for another key is not told). */
public class BatchNotFoundException extends RuntimeException {

  public BatchNotFoundException(String batchId) {
    super("no batch " + batchId);
  }
}
