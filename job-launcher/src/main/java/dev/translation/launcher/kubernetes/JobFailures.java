package dev.translation.launcher.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a batch's Job and pods the way a batch owner wants to hear about them: which condition
 * ended the Job, which shards failed for good, how a pod ended. Pure, like {@link BatchJobs}; the
 * executor fetches, this explains.
 */
final class JobFailures {

  /** The label (and, on clusters before 1.28, the annotation) with an Indexed Job pod's shard. */
  static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";

  static final int UNKNOWN_EXIT_CODE = -1;

  private JobFailures() {}

  /** The Job's condition of {@code type} when it holds. */
  static Optional<JobCondition> condition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  static boolean indexed(Job job) {
    return "Indexed".equals(job.getSpec().getCompletionMode());
  }

  static int failedPods(Job job) {
    return job.getStatus() == null || job.getStatus().getFailed() == null
        ? 0
        : job.getStatus().getFailed();
  }

  /** The shards in {@code status.failedIndexes}, which Kubernetes writes as {@code 1,3-5}. */
  static SortedSet<Integer> failedIndexes(Job job) {
    String text = job.getStatus() == null ? null : job.getStatus().getFailedIndexes();
    SortedSet<Integer> indexes = new TreeSet<>();
    if (text == null || text.isBlank()) {
      return indexes;
    }
    for (String part : text.split(",")) {
      String range = part.strip();
      int dash = range.indexOf('-');
      if (dash < 0) {
        indexes.add(Integer.parseInt(range));
      } else {
        int first = Integer.parseInt(range.substring(0, dash).strip());
        int last = Integer.parseInt(range.substring(dash + 1).strip());
        for (int index = first; index <= last; index++) {
          indexes.add(index);
        }
      }
    }
    return indexes;
  }

  /** The shard a pod ran: its completion index, 0 for a plain Job's pod. */
  static int shard(Pod pod) {
    String index =
        pod.getMetadata().getLabels() == null
            ? null
            : pod.getMetadata().getLabels().get(COMPLETION_INDEX);
    if (index == null && pod.getMetadata().getAnnotations() != null) {
      index = pod.getMetadata().getAnnotations().get(COMPLETION_INDEX);
    }
    try {
      return index == null ? 0 : Integer.parseInt(index);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** How the batch container ended, if the pod still says. */
  static Optional<ContainerStateTerminated> termination(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
      if (!BatchJobs.CONTAINER.equals(status.getName())) {
        continue;
      }
      if (status.getState() != null && status.getState().getTerminated() != null) {
        return Optional.of(status.getState().getTerminated());
      }
      if (status.getLastState() != null && status.getLastState().getTerminated() != null) {
        return Optional.of(status.getLastState().getTerminated());
      }
    }
    return Optional.empty();
  }

  static int exitCode(Pod pod) {
    return termination(pod).map(ContainerStateTerminated::getExitCode).orElse(UNKNOWN_EXIT_CODE);
  }

  static boolean badInput(Pod pod) {
    return exitCode(pod) == BatchExitCodes.BAD_INPUT;
  }

  /**
   * Whether Kubernetes ignores this failure (the pod failure policy's {@code DisruptionTarget}
   * rule): an evicted or preempted pod is replaced without counting against any limit.
   */
  static boolean disrupted(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Why one attempt (pod) failed. */
  static String attemptReason(Pod pod) {
    String name = pod.getMetadata().getName();
    Optional<ContainerStateTerminated> terminated = termination(pod);
    if (terminated.isPresent()) {
      return "pod "
          + name
          + " exited with code "
          + terminated.get().getExitCode()
          + detail(terminated.get().getMessage());
    }
    String reason = pod.getStatus() == null ? null : pod.getStatus().getReason();
    return "pod "
        + name
        + " failed"
        + (reason == null ? "" : " (" + reason + ")")
        + detail(pod.getStatus() == null ? null : pod.getStatus().getMessage());
  }

  /** Why a shard failed for good: bad input if one of its pods said so, else out of retries. */
  static String shardReason(Job job, int shard, Collection<Pod> pods) {
    Optional<Pod> badInput =
        pods.stream().filter(p -> shard(p) == shard && badInput(p)).findFirst();
    if (badInput.isPresent()) {
      return badInputReason(badInput.get());
    }
    Integer limit = job.getSpec().getBackoffLimitPerIndex();
    return limit == null
        ? "shard " + shard + " failed"
        : "shard "
            + shard
            + " failed "
            + (limit + 1)
            + " times, more than its backoff limit of "
            + limit;
  }

  /** Why the Job failed, from its {@code Failed} condition. */
  static String batchReason(Job job, JobCondition failed, Collection<Pod> pods) {
    String reason = failed.getReason() == null ? "" : failed.getReason();
    return switch (reason) {
      case "BackoffLimitExceeded" ->
          "the batch failed "
              + failedPods(job)
              + " times, more than its backoff limit of "
              + job.getSpec().getBackoffLimit();
      case "DeadlineExceeded" ->
          "the batch ran longer than its deadline of "
              + human(Duration.ofSeconds(job.getSpec().getActiveDeadlineSeconds()));
      case "PodFailurePolicy" ->
          pods.stream()
              .filter(JobFailures::badInput)
              .findFirst()
              .map(JobFailures::badInputReason)
              .orElse(
                  "bad input: the runner exited with code "
                      + BatchExitCodes.BAD_INPUT
                      + detail(failed.getMessage()));
      case "FailedIndexes" -> shards(failedIndexes(job)) + " failed";
      case "MaxFailedIndexesExceeded" ->
          shards(failedIndexes(job))
              + " failed, more than the "
              + job.getSpec().getMaxFailedIndexes()
              + " allowed to fail";
      default ->
          "its Kubernetes Job failed"
              + (reason.isEmpty() ? "" : " (" + reason + ")")
              + detail(failed.getMessage());
    };
  }

  private static String badInputReason(Pod pod) {
    String message = termination(pod).map(ContainerStateTerminated::getMessage).orElse(null);
    return "bad input: shard "
        + shard(pod)
        + "'s runner exited with code "
        + BatchExitCodes.BAD_INPUT
        + detail(message);
  }

  private static String shards(SortedSet<Integer> indexes) {
    if (indexes.isEmpty()) {
      return "shards";
    }
    List<String> names = indexes.stream().map(String::valueOf).toList();
    return (names.size() == 1 ? "shard " : "shards ")
        + names.stream().collect(Collectors.joining(", "));
  }

  private static String detail(String message) {
    return message == null || message.isBlank() ? "" : ": " + message.strip();
  }

  /** {@code 7 days}, {@code 12 hours}, {@code 90 minutes}: deadlines read by people. */
  static String human(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds > 0 && seconds % 86_400 == 0) {
      return plural(seconds / 86_400, "day");
    }
    if (seconds > 0 && seconds % 3600 == 0) {
      return plural(seconds / 3600, "hour");
    }
    if (seconds > 0 && seconds % 60 == 0) {
      return plural(seconds / 60, "minute");
    }
    return plural(seconds, "second");
  }

  private static String plural(long count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }
}
