package dev.translation.launcher.batch;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Which shard of which batch this runner process works on: the batch id from its command line, the
 * shard from {@code JOB_COMPLETION_INDEX} (set by Kubernetes for an Indexed Job, and by the local
 * executor), 0 when unset.
 *
 * @param batchId the batch
 * @param shard the shard's index
 */
public record ShardAssignment(String batchId, int shard) {

  /** The environment variable an Indexed Job sets to the pod's index. */
  public static final String COMPLETION_INDEX = "JOB_COMPLETION_INDEX";

  /**
   * The id of the translation job holding this shard's segments: derived from batch and shard, so
   * every attempt of the shard finds the job its earlier attempts filled.
   */
  public String jobId() {
    return UUID.nameUUIDFromBytes((batchId + "/" + shard).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** The shard named by an environment value, 0 when there is none. */
  public static int shardFrom(String completionIndex) {
    if (completionIndex == null || completionIndex.isBlank()) {
      return 0;
    }
    try {
      int shard = Integer.parseInt(completionIndex.strip());
      if (shard < 0) {
        throw new NumberFormatException();
      }
      return shard;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          COMPLETION_INDEX + " must be a shard index (0, 1, ...), not " + completionIndex);
    }
  }
}
