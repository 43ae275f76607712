package dev.translation.launcher.kubernetes;

import dev.translation.launcher.launch.BatchExecutor;
import dev.translation.launcher.launch.ExecutionEvents;
import dev.translation.launcher.launch.LaunchedBatch;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each batch as one Kubernetes Job (Indexed when it has several shards) and follows the Jobs
 * with an informer, turning what the Job controller writes into a Job's status into {@link
 * ExecutionEvents}. The only class of the launcher that talks to the API server; the Job itself is
 * built by {@link BatchJobs}.
 *
 * <p>Only batches this executor launched or was handed in {@link #reattach} are reported on, so a
 * Job the launcher has already settled (or another launcher's) is left alone. Retries are
 * Kubernetes' business: the executor only tells which attempts failed (each increase of {@code
 * status.failed}, with the failed pod's exit code when the pod is still there) and how the Job
 * ended. Terminal outcomes are reported at least once (again on the informer's resync if the report
 * failed); a failed attempt at most once, since it is information, not state.
 */
public class KubernetesBatchExecutor implements BatchExecutor, AutoCloseable {

  /** The name stored with each batch this executor runs. */
  public static final String NAME = "KUBERNETES";

  private static final Logger log = LoggerFactory.getLogger(KubernetesBatchExecutor.class);

  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  private static final String LAUNCHER = "job-launcher";

  /** Stands for a failure count not yet seen: the Job was running before this executor started. */
  private static final int UNKNOWN = -1;

  private final KubernetesClient client;
  private final KubernetesExecutorProperties properties;
  private final ExecutionEvents events;
  private final Map<String, Followed> followed = new ConcurrentHashMap<>();
  private SharedIndexInformer<Job> informer;
  private boolean closed;

  public KubernetesBatchExecutor(
      KubernetesClient client, KubernetesExecutorProperties properties, ExecutionEvents events) {
    this.client = client;
    this.properties = properties;
    this.events = events;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Starts watching the launcher's Jobs, once; returns after the informer's first list. Launching
   * and reattaching start it themselves.
   */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("the Kubernetes executor has been closed");
    }
    if (informer == null) {
      informer =
          jobs()
              .withLabel(MANAGED_BY, LAUNCHER)
              .inform(new JobHandler(), properties.resync().toMillis());
      log.info("following batch Jobs in namespace {}", properties.namespace());
    }
  }

  /** Stops watching; the Jobs run on, and a restarted launcher reattaches to them. */
  @Override
  public synchronized void close() {
    closed = true;
    if (informer != null) {
      informer.close();
      informer = null;
    }
  }

  @Override
  public void launch(LaunchedBatch batch) {
    start();
    Job job = BatchJobs.corpusJob(jobSpec(batch));
    // Followed before it exists, so that the informer's first event about it is not ignored.
    Followed batchState = followed.computeIfAbsent(batch.id(), id -> new Followed(0));
    try {
      jobs().resource(job).create();
      log.info("batch {}: created Job {}", batch.id(), job.getMetadata().getName());
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        followed.remove(batch.id(), batchState);
        throw e;
      }
      // A launch that got as far as creating the Job before the launcher stopped.
      log.info("batch {}: its Job exists already, following it", batch.id());
      Job existing = jobs().withName(job.getMetadata().getName()).get();
      if (existing != null) {
        observe(existing);
      }
    }
  }

  /**
   * Spells out the batch's Job: its shards and limits from the launch, everything else from the
   * configuration.
   */
  BatchJobSpec jobSpec(LaunchedBatch batch) {
    LaunchedBatch.RetryLimits limits = batch.limits();
    return new BatchJobSpec(
        batch.id(),
        properties.image(),
        batch.shards(),
        limits.backoffLimit(),
        limits.backoffLimitPerIndex(),
        limits.maxFailedIndexes(),
        limits.activeDeadline(),
        properties.ttlAfterFinished(),
        properties.resources(),
        properties.serviceAccount(),
        properties.volumes(),
        properties.settings(),
        properties.priorityClass(batch.priority()));
  }

  @Override
  public void cancel(String batchId) {
    Followed batchState = followed.remove(batchId);
    if (batchState != null) {
      synchronized (batchState) {
        // The deletion below is the launcher's own doing, not a failure to report.
        batchState.settled = true;
      }
    }
    jobs()
        .withName(BatchJobs.jobName(batchId))
        .withPropagationPolicy(DeletionPropagation.BACKGROUND)
        .delete();
    // The garbage collector deletes them too, but not at once: the pods should get their SIGTERM
    // now, and the Job's deletion must come first so that no replacement is started.
    client
        .pods()
        .inNamespace(properties.namespace())
        .withLabel(BatchJobs.BATCH_LABEL, batchId)
        .delete();
    log.info("batch {}: deleted its Job and pods", batchId);
  }

  @Override
  public void reattach(List<LaunchedBatch> unfinished) {
    start();
    for (LaunchedBatch batch : unfinished) {
      followed.computeIfAbsent(batch.id(), id -> new Followed(UNKNOWN));
      Job job = jobs().withName(BatchJobs.jobName(batch.id())).get();
      if (job == null) {
        vanished(
            batch.id(),
            "its Kubernetes Job no longer exists (deleted while the launcher was down, or removed "
                + JobFailures.human(properties.ttlAfterFinished())
                + " after it finished)");
      } else {
        log.info("batch {}: following its Job again", batch.id());
        observe(job);
      }
    }
  }

  @Override
  public Optional<String> log(String batchId, int shard, int tailLines) {
    Optional<Pod> newest =
        pods(batchId).stream().filter(pod -> JobFailures.shard(pod) == shard).max(NEWEST_LAST);
    if (newest.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(
          client
              .pods()
              .inNamespace(properties.namespace())
              .withName(newest.get().getMetadata().getName())
              .inContainer(BatchJobs.CONTAINER)
              .tailingLines(tailLines)
              .getLog());
    } catch (KubernetesClientException e) {
      // A pod whose container has not started yet (400) or that was deleted meanwhile (404) has
      // no log to show; anything else is the API server's trouble and the caller's to report.
      if (e.getCode() == HttpURLConnection.HTTP_BAD_REQUEST
          || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Reports what changed in a followed batch's Job since the executor last looked. */
  private void observe(Job job) {
    String batchId = batchId(job);
    Followed batchState = batchId == null ? null : followed.get(batchId);
    if (batchState == null) {
      return;
    }
    synchronized (batchState) {
      if (batchState.settled) {
        return;
      }
      Pods pods = new Pods(batchId);
      Optional<JobCondition> failed = JobFailures.condition(job, "Failed");
      // From FailureTarget on, no pod is replaced: its last failures are the Job's, not retries.
      boolean failing =
          failed.isPresent() || JobFailures.condition(job, "FailureTarget").isPresent();
      reportAttempts(batchId, batchState, job, failing, pods);
      for (int shard : JobFailures.failedIndexes(job)) {
        if (!batchState.failedShards.contains(shard)) {
          events.shardFailed(batchId, shard, JobFailures.shardReason(job, shard, pods.all()));
          batchState.failedShards.add(shard);
        }
      }
      if (JobFailures.condition(job, "Complete").isPresent()) {
        events.batchCompleted(batchId);
        settle(batchId, batchState);
        log.info("batch {}: its Job completed", batchId);
      } else if (failed.isPresent()) {
        String reason = JobFailures.batchReason(job, failed.get(), pods.all());
        if (!JobFailures.indexed(job) && shardsOwnFault(failed.get())) {
          // A plain Job's one shard is the batch: it failed for the batch's reason.
          events.shardFailed(batchId, 0, reason);
        }
        events.batchFailed(batchId, reason);
        settle(batchId, batchState);
        log.info("batch {}: its Job failed: {}", batchId, reason);
      }
    }
  }

  private static boolean shardsOwnFault(JobCondition failed) {
    return "BackoffLimitExceeded".equals(failed.getReason())
        || "PodFailurePolicy".equals(failed.getReason());
  }

  /**
   * Reports the failed pods behind an increase of {@code status.failed}. A pod that failed for good
   * (bad input, a shard out of retries, the Job failing) is not an attempt to be retried and is
   * reported as the shard's or batch's failure instead.
   */
  private void reportAttempts(
      String batchId, Followed batchState, Job job, boolean failing, Pods pods) {
    int failedPods = JobFailures.failedPods(job);
    if (batchState.failedPods == UNKNOWN) {
      // Failures from before this executor watched were reported by the launcher that did.
      batchState.failedPods = failedPods;
      if (failedPods > 0) {
        pods.failed().forEach(pod -> batchState.seenPods.add(pod.getMetadata().getName()));
      }
      return;
    }
    int newFailures = failedPods - batchState.failedPods;
    if (newFailures <= 0) {
      return;
    }
    batchState.failedPods = failedPods;
    SortedSet<Integer> failedShards = JobFailures.failedIndexes(job);
    List<Pod> unseen =
        pods.failed().stream()
            .filter(pod -> !batchState.seenPods.contains(pod.getMetadata().getName()))
            .toList();
    List<Pod> fresh = unseen.subList(Math.max(0, unseen.size() - newFailures), unseen.size());
    for (Pod pod : fresh) {
      batchState.seenPods.add(pod.getMetadata().getName());
      if (failing || JobFailures.badInput(pod) || failedShards.contains(JobFailures.shard(pod))) {
        continue;
      }
      events.attemptFailed(
          batchId,
          JobFailures.shard(pod),
          JobFailures.exitCode(pod),
          JobFailures.attemptReason(pod));
    }
    int unexplained = newFailures - fresh.size();
    if (unexplained <= 0 || failing) {
      return;
    }
    if (JobFailures.indexed(job)) {
      // Without its pod, nothing tells which shard the attempt was.
      log.info(
          "batch {}: {} failed pods were gone before they could be read", batchId, unexplained);
      return;
    }
    for (int i = 0; i < unexplained; i++) {
      events.attemptFailed(
          batchId,
          0,
          JobFailures.UNKNOWN_EXIT_CODE,
          "a pod failed and was gone before its exit code could be read");
    }
  }

  private void deleted(Job job) {
    String batchId = batchId(job);
    if (batchId == null || !followed.containsKey(batchId)) {
      return;
    }
    // The informer's last state may hold an outcome not yet seen (a Job removed right after it
    // ended).
    observe(job);
    vanished(batchId, "its Kubernetes Job was deleted");
  }

  private void vanished(String batchId, String reason) {
    Followed batchState = followed.get(batchId);
    if (batchState == null) {
      return;
    }
    synchronized (batchState) {
      if (!batchState.settled) {
        events.batchFailed(batchId, reason);
        settle(batchId, batchState);
        log.info("batch {}: {}", batchId, reason);
      }
    }
  }

  private void settle(String batchId, Followed batchState) {
    batchState.settled = true;
    followed.remove(batchId, batchState);
  }

  private NonNamespaceOperation<Job, JobList, ScalableResource<Job>> jobs() {
    return client.batch().v1().jobs().inNamespace(properties.namespace());
  }

  private List<Pod> pods(String batchId) {
    return client
        .pods()
        .inNamespace(properties.namespace())
        .withLabel(BatchJobs.BATCH_LABEL, batchId)
        .list()
        .getItems();
  }

  private static String batchId(Job job) {
    Map<String, String> labels = job.getMetadata().getLabels();
    return labels == null ? null : labels.get(BatchJobs.BATCH_LABEL);
  }

  private static final Comparator<Pod> NEWEST_LAST =
      Comparator.comparing((Pod pod) -> created(pod))
          .thenComparing(pod -> pod.getMetadata().getName());

  private static Instant created(Pod pod) {
    String timestamp = pod.getMetadata().getCreationTimestamp();
    try {
      return timestamp == null ? Instant.EPOCH : Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  /** A batch's pods, listed at most once per look at its Job, and only when needed. */
  private final class Pods {
    private final String batchId;
    private List<Pod> all;

    Pods(String batchId) {
      this.batchId = batchId;
    }

    List<Pod> all() {
      if (all == null) {
        all = pods(batchId).stream().sorted(NEWEST_LAST).toList();
      }
      return all;
    }

    /** The failed pods that counted against a limit, oldest first. */
    List<Pod> failed() {
      return all().stream()
          .filter(pod -> pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase()))
          .filter(pod -> !JobFailures.disrupted(pod))
          .toList();
    }
  }

  /** What has been reported of one batch; guarded by its own monitor. */
  private static final class Followed {
    int failedPods;
    final Set<String> seenPods = new HashSet<>();
    final Set<Integer> failedShards = new HashSet<>();
    boolean settled;

    Followed(int failedPods) {
      this.failedPods = failedPods;
    }
  }

  /**
   * Runs on the informer's one thread. A report that throws (the launcher's database is down) is
   * logged; the resync hands the Job over again and terminal outcomes are reported then.
   */
  private final class JobHandler implements ResourceEventHandler<Job> {

    @Override
    public void onAdd(Job job) {
      safely(job, () -> observe(job));
    }

    @Override
    public void onUpdate(Job previous, Job job) {
      safely(job, () -> observe(job));
    }

    @Override
    public void onDelete(Job job, boolean finalStateUnknown) {
      safely(job, () -> deleted(job));
    }

    private void safely(Job job, Runnable report) {
      try {
        report.run();
      } catch (RuntimeException e) {
        log.warn("batch {}: could not report its Job's state", batchId(job), e);
      }
    }
  }
}
