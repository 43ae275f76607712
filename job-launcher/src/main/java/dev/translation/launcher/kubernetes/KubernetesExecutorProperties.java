package dev.translation.launcher.kubernetes;

import dev.translation.launcher.corpus.BatchPriority;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the Kubernetes executor runs batches, under {@code translation.launcher.kubernetes}: what a
 * batch's Job is made of beyond the batch's own shards and limits. Defaults live in {@code
 * application.yml} and match {@code k8s/jobs/corpus-batch-job.yaml}.
 *
 * <p>Bound by the application's {@code @ConfigurationPropertiesScan}, so it exists in every role,
 * but only the Kubernetes executor reads it.
 *
 * @param namespace where batch Jobs are created and watched (the launcher's Role allows Jobs and
 *     Pods there only)
 * @param image the job launcher's image, whose entry point runs the batch runner
 * @param serviceAccount the batch pods' service account
 * @param resources what each batch pod requests and may use
 * @param volumes the persistent volume claims for input, output and models
 * @param settings the ConfigMaps and Secrets the batch pods take their settings and credentials
 *     from
 * @param ttlAfterFinished how long a finished Job and its pods (with their logs) are kept
 * @param resync how often the informer hands every watched Job over again, so that an outcome the
 *     launcher could not record (its database was down) is reported once more
 * @param priorityClasses the pods' priority class for each batch priority; a priority without an
 *     entry takes the cluster's default. Empty unless the cluster defines such classes
 */
@ConfigurationProperties("translation.launcher.kubernetes")
public record KubernetesExecutorProperties(
    String namespace,
    String image,
    String serviceAccount,
    BatchJobSpec.Resources resources,
    BatchJobSpec.Volumes volumes,
    BatchJobSpec.Settings settings,
    Duration ttlAfterFinished,
    Duration resync,
    Map<BatchPriority, String> priorityClasses) {

  /** Fails at start on a missing setting rather than at the first launch. */
  public KubernetesExecutorProperties {
    Objects.requireNonNull(namespace, "translation.launcher.kubernetes.namespace");
    Objects.requireNonNull(image, "translation.launcher.kubernetes.image");
    Objects.requireNonNull(serviceAccount, "translation.launcher.kubernetes.service-account");
    Objects.requireNonNull(resources, "translation.launcher.kubernetes.resources");
    Objects.requireNonNull(volumes, "translation.launcher.kubernetes.volumes");
    Objects.requireNonNull(settings, "translation.launcher.kubernetes.settings");
    Objects.requireNonNull(ttlAfterFinished, "translation.launcher.kubernetes.ttl-after-finished");
    Objects.requireNonNull(resync, "translation.launcher.kubernetes.resync");
    priorityClasses = priorityClasses == null ? Map.of() : Map.copyOf(priorityClasses);
  }

  /** The priority class for {@code priority}'s pods, or null for the cluster's default. */
  public String priorityClass(BatchPriority priority) {
    return priorityClasses.get(priority);
  }
}
