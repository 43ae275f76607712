package dev.translation.contracts;

/**
 * Kubernetes label keys (and the few fixed values) put on every object the pipeline creates,
 * whether in manifests under {@code k8s/} or by the job launcher at run time, so selectors written
 * in one place match objects made in the other.
 */
public final class Labels {

  /** The application's name, e.g. {@code worker}. */
  public static final String NAME = "app.kubernetes.io/name";

  /** A unique name of this instance, e.g. {@code worker-batch}. */
  public static final String INSTANCE = "app.kubernetes.io/instance";

  /** The application's version. */
  public static final String VERSION = "app.kubernetes.io/version";

  /** The role within the architecture, e.g. {@code api}, {@code worker}, {@code batch-job}. */
  public static final String COMPONENT = "app.kubernetes.io/component";

  /** The higher-level application this is part of; always {@link #PART_OF_VALUE}. */
  public static final String PART_OF = "app.kubernetes.io/part-of";

  /** The tool managing the object, e.g. {@code job-launcher} or {@code kustomize}. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** The value of {@link #PART_OF} on every object of this project. */
  public static final String PART_OF_VALUE = "translation-pipeline";

  /** Which lane a worker Deployment serves, lower case {@link Lane} name. */
  public static final String LANE = "translation.dev/lane";

  private Labels() {}
}
