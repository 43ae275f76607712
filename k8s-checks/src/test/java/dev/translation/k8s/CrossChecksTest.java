package dev.translation.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.translation.contracts.Lane;
import dev.translation.contracts.MetricNames;
import dev.translation.contracts.TopicSpec;
import dev.translation.contracts.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests against each other and against the code: selectors, references, environment,
 * topics, consumer groups, partition counts, ports, probes, resources, security contexts, Job
 * policies and metric names. What the code decides (a topic's name, a lane's consumer group, a
 * metric's name) is read from the code's constants or the apps' {@code application.yml}, never
 * typed again here.
 */
class CrossChecksTest {

  /** The exit code the apps' runners and Jobs use for bad input (the batch runner's). */
  private static final int BAD_INPUT = 3;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
  private static final Pattern SECRET_ROW =
      Pattern.compile("^\\s*\\| `([a-z0-9-]+)` \\| ((?:`[A-Za-z0-9_.-]+`(?:, )?)+) \\|");
  private static final Map<String, String> APPS =
      Map.of(
          "translation/submit-api", "submit-api",
          "translation/worker", "worker",
          "translation/job-launcher", "job-launcher");

  /** Spring Boot's own settings the deployment sets (as they read in relaxed form). */
  private static final Set<String> SPRING_BOOT_SETTINGS =
      Set.of("spring.kafka.security.protocol", "management.server.port");

  /** Where Spring Boot passes settings to the Kafka client as they are. */
  private static final String KAFKA_PROPERTIES = "spring.kafka.properties.";

  /** Every setting of the Kafka clients the apps create (so a misspelt one fails). */
  private static final Set<String> KAFKA_CLIENT_SETTINGS = kafkaClientSettings();

  private static List<Manifests.Manifest> manifests;
  private static Map<String, Set<String>> handMadeSecrets;

  @BeforeAll
  static void read() {
    manifests = Manifests.base();
    handMadeSecrets = new HashMap<>();
    String readme = Manifests.repositoryFile("README.md");
    String section = readme.substring(readme.indexOf("## Deploy to Kubernetes"));
    for (String line : section.lines().toList()) {
      Matcher row = SECRET_ROW.matcher(line);
      if (row.find()) {
        Set<String> keys = new TreeSet<>();
        for (String key : row.group(2).split(", ")) {
          keys.add(key.replace("`", ""));
        }
        handMadeSecrets.put(row.group(1), keys);
      }
    }
  }

  @Test
  void everyServiceSelectsAPodTemplate() {
    List<Map<String, String>> podLabels =
        workloads().stream().map(w -> w.template().getMetadata().getLabels()).toList();
    for (Service service : Manifests.ofKind(manifests, Service.class)) {
      Map<String, String> selector = service.getSpec().getSelector();
      assertThat(podLabels)
          .as("pods selected by Service %s", service.getMetadata().getName())
          .anyMatch(labels -> labels.entrySet().containsAll(selector.entrySet()));
    }
  }

  @Test
  void everyReferencedObjectExistsOrIsMadeByHand() {
    Set<String> configMaps = names(ConfigMap.class);
    Set<String> accounts = names(ServiceAccount.class);
    Set<String> claims = names(PersistentVolumeClaim.class);
    assertThat(handMadeSecrets).containsKeys("database-credentials", "kafka-credentials");
    for (Workload workload : workloads()) {
      PodSpec pod = workload.template().getSpec();
      String where = workload.toString();
      if (pod.getServiceAccountName() != null) {
        assertThat(accounts).as(where).contains(pod.getServiceAccountName());
      }
      for (Volume volume : pod.getVolumes()) {
        if (volume.getConfigMap() != null) {
          assertThat(configMaps).as(where).contains(volume.getConfigMap().getName());
        }
        if (volume.getSecret() != null) {
          assertThat(handMadeSecrets).as(where).containsKey(volume.getSecret().getSecretName());
        }
        if (volume.getPersistentVolumeClaim() != null) {
          assertThat(claims).as(where).contains(volume.getPersistentVolumeClaim().getClaimName());
        }
      }
      for (Container container : containers(pod)) {
        for (EnvFromSource from : container.getEnvFrom()) {
          if (from.getConfigMapRef() != null) {
            assertThat(configMaps).as(where).contains(from.getConfigMapRef().getName());
          } else {
            assertThat(handMadeSecrets).as(where).containsKey(from.getSecretRef().getName());
          }
        }
        for (EnvVar variable : container.getEnv()) {
          if (variable.getValueFrom() == null) {
            continue;
          }
          if (variable.getValueFrom().getSecretKeyRef() != null) {
            var ref = variable.getValueFrom().getSecretKeyRef();
            assertThat(handMadeSecrets).as(where).containsKey(ref.getName());
            assertThat(handMadeSecrets.get(ref.getName())).as(where).contains(ref.getKey());
          }
          if (variable.getValueFrom().getConfigMapKeyRef() != null) {
            var ref = variable.getValueFrom().getConfigMapKeyRef();
            assertThat(configMap(ref.getName()).getData()).as(where).containsKey(ref.getKey());
          }
        }
      }
    }
    // KEDA reads its Kafka user from a Secret too.
    for (GenericKubernetesResource auth : custom("TriggerAuthentication")) {
      for (JsonNode ref : raw(auth).path("spec").path("secretTargetRef")) {
        assertThat(handMadeSecrets).containsKey(ref.path("name").asText());
        assertThat(handMadeSecrets.get(ref.path("name").asText()))
            .contains(ref.path("key").asText());
      }
    }
  }

  @Test
  void everyImageIsBuiltHereOrNamedInTheDeploySteps() {
    String readme = Manifests.repositoryFile("README.md");
    String deploy = readme.substring(readme.indexOf("## Deploy to Kubernetes"));
    Set<String> images = new TreeSet<>();
    for (Workload workload : workloads()) {
      containers(workload.template().getSpec()).forEach(c -> images.add(c.getImage()));
    }
    assertThat(images).hasSizeGreaterThan(3);
    for (String image : images) {
      String name = image.replaceAll(":.*$", "");
      if (APPS.containsKey(name)) {
        assertThat(
                Manifests.ROOT.resolveSibling("images").resolve(APPS.get(name) + ".Containerfile"))
            .as("the recipe of %s", image)
            .isRegularFile();
        assertThat(image).endsWith(":0.1.0");
      } else {
        assertThat(deploy).as("%s is named in the deploy steps", image).contains("`" + image + "`");
      }
    }
  }

  @Test
  void theAppsGetTheEnvironmentTheyReadAndNothingElse() {
    Map<String, Set<String>> required =
        Map.of(
            "submit-api",
            Set.of(
                "DB_URL",
                "DB_USER",
                "DB_PASSWORD",
                "KAFKA_BOOTSTRAP_SERVERS",
                "KAFKA_USERNAME",
                "KAFKA_PASSWORD",
                "SPRING_KAFKA_SECURITY_PROTOCOL",
                "FLYWAY_ENABLED",
                "PORT"),
            "worker",
            Set.of(
                "DB_URL",
                "DB_USER",
                "DB_PASSWORD",
                "KAFKA_BOOTSTRAP_SERVERS",
                "KAFKA_USERNAME",
                "KAFKA_PASSWORD",
                "SPRING_KAFKA_SECURITY_PROTOCOL",
                "DEAD_LETTER_SIGNING_KEY",
                "TRANSLATION_WORKER_LANE",
                "TRANSLATION_WORKER_TOPICS_CREATE",
                "PORT"),
            "job-launcher",
            Set.of(
                "DB_URL",
                "DB_USER",
                "DB_PASSWORD",
                "KAFKA_BOOTSTRAP_SERVERS",
                "KAFKA_USERNAME",
                "KAFKA_PASSWORD",
                "SPRING_KAFKA_SECURITY_PROTOCOL",
                "FLYWAY_ENABLED",
                "TRANSLATION_LAUNCHER_EXECUTOR",
                "PORT"));
    int checked = 0;
    for (Deployment deployment : Manifests.ofKind(manifests, Deployment.class)) {
      for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
        String app = APPS.get(container.getImage().replaceAll(":.*$", ""));
        if (app == null) {
          continue;
        }
        checked++;
        Map<String, String> environment = environment(container);
        String where = deployment.getMetadata().getName() + "/" + container.getName();
        assertThat(environment.keySet()).as(where).containsAll(required.get(app));
        Set<String> read = readBy(app, environment);
        assertThat(environment.keySet())
            .as("%s sets variables %s does not read", where, app)
            .allMatch(read::contains);
      }
    }
    assertThat(checked).isEqualTo(4);
  }

  @Test
  void topicsPartitionsGroupsAndPortsAreTheCodes() {
    // The Kafka setup Job creates exactly the code's topics, with its partition counts.
    Set<String> setUp = new TreeSet<>();
    for (String line : configMap("kafka-setup").getData().get("topics").lines().toList()) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length == 3) {
        setUp.add(fields[0] + " " + fields[1] + " " + fields[2]);
      }
    }
    Set<String> expected = new TreeSet<>();
    for (TopicSpec topic : Topics.ALL) {
      expected.add(
          topic.name()
              + " "
              + topic.partitions()
              + " "
              + (topic.compacted() ? "compact" : "delete"));
    }
    assertThat(setUp).isEqualTo(expected);

    // Each lane's worker scales on its topic and its consumer group, never beyond its partitions.
    for (Lane lane : Lane.values()) {
      String name = "worker-" + lane.name().toLowerCase(java.util.Locale.ROOT);
      JsonNode scaled =
          raw(
              custom("ScaledObject").stream()
                  .filter(o -> o.getMetadata().getName().equals(name))
                  .findFirst()
                  .orElseThrow());
      JsonNode trigger = scaled.path("spec").path("triggers").get(0);
      assertThat(scaled.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(name);
      assertThat(trigger.path("metadata").path("topic").asText()).isEqualTo(lane.topic());
      assertThat(trigger.path("metadata").path("consumerGroup").asText()).isEqualTo(name);
      // KEDA's operator runs in its own namespace: it needs the brokers' fully qualified names,
      // the same brokers the apps use.
      String appsServers =
          configMap("translation-pipeline").getData().get("KAFKA_BOOTSTRAP_SERVERS");
      String kedaServers = trigger.path("metadata").path("bootstrapServers").asText();
      assertThat(kedaServers.split(","))
          .allMatch(server -> server.matches("[a-z0-9.-]+\\.translation\\.svc:\\d+"))
          .containsExactly(
              java.util.Arrays.stream(appsServers.split(","))
                  .map(server -> server.replace(":", ".translation.svc:"))
                  .toArray(String[]::new));
      assertThat(scaled.path("spec").path("maxReplicaCount").asInt())
          .isPositive()
          .isLessThanOrEqualTo(partitions(lane.topic()));
      Deployment worker = Manifests.find(manifests, Deployment.class, name).orElseThrow();
      assertThat(environment(worker.getSpec().getTemplate().getSpec().getContainers().getFirst()))
          .containsEntry("TRANSLATION_WORKER_LANE", lane.name().toLowerCase(java.util.Locale.ROOT));
    }
    // The ACLs name the same groups and topics.
    String setup = configMap("kafka-setup").getData().get("setup.sh");
    for (Lane lane : Lane.values()) {
      String group = "worker-" + lane.name().toLowerCase(java.util.Locale.ROOT);
      assertThat(setup).contains("--group " + group, "--group " + group + "-dlt");
      assertThat(setup).contains("--topic " + lane.topic(), "--topic " + lane.deadLetterTopic());
    }
    assertThat(setup).contains("--topic " + Topics.JOB_EVENTS, "--topic " + Topics.MODEL_EVENTS);

    // Every app listens where its application.yml says; its Service publishes that port only, and
    // health and metrics are on a management port nothing publishes.
    for (Deployment deployment : Manifests.ofKind(manifests, Deployment.class)) {
      Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
      String app = APPS.get(container.getImage().replaceAll(":.*$", ""));
      int port = defaultPort(app);
      Map<String, String> environment = environment(container);
      assertThat(environment).containsEntry("PORT", Integer.toString(port));
      assertThat(container.getPorts())
          .extracting(p -> p.getName() + " " + p.getContainerPort())
          .containsExactly(
              "http " + port, "management " + environment.get("MANAGEMENT_SERVER_PORT"));
      Service service =
          Manifests.find(manifests, Service.class, deployment.getMetadata().getName())
              .orElseThrow();
      assertThat(service.getSpec().getPorts())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.getPort()).isEqualTo(port);
                assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
              });
    }
    assertThat(custom("PodMonitor"))
        .allSatisfy(
            monitor ->
                assertThat(
                        raw(monitor)
                            .path("spec")
                            .path("podMetricsEndpoints")
                            .get(0)
                            .path("port")
                            .asText())
                    .isEqualTo("management"));
  }

  @Test
  void probesUseTheAppsHealthGroups() {
    for (Deployment deployment : Manifests.ofKind(manifests, Deployment.class)) {
      Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
      String app = APPS.get(container.getImage().replaceAll(":.*$", ""));
      JsonNode yaml = applicationYml(app);
      assertThat(
              yaml.path("management")
                  .path("endpoint")
                  .path("health")
                  .path("probes")
                  .path("enabled")
                  .asBoolean())
          .as("%s serves the probe groups", app)
          .isTrue();
      String where = deployment.getMetadata().getName();
      assertThat(path(container.getStartupProbe()))
          .as(where)
          .isEqualTo("/actuator/health/readiness");
      assertThat(path(container.getReadinessProbe()))
          .as(where)
          .isEqualTo("/actuator/health/readiness");
      assertThat(path(container.getLivenessProbe()))
          .as(where)
          .isEqualTo("/actuator/health/liveness");
    }
    // A worker's readiness includes its model, so it is ready only once the model is loaded.
    assertThat(
            applicationYml("worker")
                .path("management")
                .path("endpoint")
                .path("health")
                .path("group")
                .path("readiness")
                .path("include")
                .asText())
        .contains("model");
    // Workers stop within their grace period: the shutdown phase first.
    int phase =
        seconds(
            applicationYml("worker")
                .path("spring")
                .path("lifecycle")
                .path("timeout-per-shutdown-phase")
                .asText());
    for (String lane : List.of("worker-interactive", "worker-batch")) {
      Deployment worker = Manifests.find(manifests, Deployment.class, lane).orElseThrow();
      assertThat(worker.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
          .isGreaterThan(phase);
    }
  }

  @Test
  void everyContainerHasResourcesAndTheRestrictedSecurityContext() {
    for (Workload workload : workloads()) {
      PodSpec pod = workload.template().getSpec();
      String where = workload.toString();
      assertThat(pod.getSecurityContext()).as(where).isNotNull();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(where).isTrue();
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .as(where)
          .isEqualTo("RuntimeDefault");
      for (Container container : containers(pod)) {
        String in = where + "/" + container.getName();
        assertThat(container.getResources().getRequests()).as(in).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).as(in).containsKeys("cpu", "memory");
        var security = container.getSecurityContext();
        assertThat(security).as(in).isNotNull();
        assertThat(security.getAllowPrivilegeEscalation()).as(in).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).as(in).isTrue();
        assertThat(security.getCapabilities().getDrop()).as(in).containsExactly("ALL");
        boolean writesTmp =
            container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp"));
        if (container.getCommand() == null
            || container.getCommand().isEmpty()
            || container.getName().equals("kafka")) {
          assertThat(writesTmp).as("%s has a writable /tmp", in).isTrue();
        }
      }
    }
  }

  @Test
  void everyJobRetriesTransientFaultsAndFailsAtOnceOnBadInput() {
    List<JobSpec> specs = new ArrayList<>();
    Manifests.ofKind(manifests, Job.class).forEach(job -> specs.add(job.getSpec()));
    Manifests.ofKind(manifests, CronJob.class)
        .forEach(cron -> specs.add(cron.getSpec().getJobTemplate().getSpec()));
    assertThat(specs).hasSize(6);
    for (JobSpec spec : specs) {
      String container = spec.getTemplate().getSpec().getContainers().getFirst().getName();
      assertThat(spec.getBackoffLimit()).isPositive();
      assertThat(spec.getTtlSecondsAfterFinished()).isPositive();
      assertThat(spec.getActiveDeadlineSeconds()).isPositive();
      List<PodFailurePolicyRule> rules = spec.getPodFailurePolicy().getRules();
      assertThat(rules)
          .anySatisfy(
              rule -> {
                assertThat(rule.getAction()).isEqualTo("Ignore");
                assertThat(rule.getOnPodConditions())
                    .singleElement()
                    .satisfies(c -> assertThat(c.getType()).isEqualTo("DisruptionTarget"));
              })
          .anySatisfy(
              rule -> {
                assertThat(rule.getAction()).isIn("FailJob", "FailIndex");
                assertThat(rule.getOnExitCodes().getContainerName()).isEqualTo(container);
                assertThat(rule.getOnExitCodes().getOperator()).isEqualTo("In");
                assertThat(rule.getOnExitCodes().getValues()).containsExactly(BAD_INPUT);
              });
    }
  }

  @Test
  void theAlertsAndTheDashboardUseTheCodesMetricNames() throws Exception {
    Set<String> constants = new HashSet<>();
    for (Field field : MetricNames.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && field.getName().indexOf("TAG") != 0
          && field.get(null) instanceof String name) {
        constants.add(name.replace('.', '_'));
      }
    }
    StringBuilder expressions = new StringBuilder();
    for (GenericKubernetesResource rule : custom("PrometheusRule")) {
      for (JsonNode group : raw(rule).path("spec").path("groups")) {
        for (JsonNode each : group.path("rules")) {
          expressions.append(each.path("expr").asText()).append('\n');
        }
      }
    }
    expressions.append(
        Manifests.repositoryFile("k8s/monitoring/dashboards/translation-pipeline.json"));
    Matcher metric = Pattern.compile("\\btranslation_[a-z_]+").matcher(expressions);
    Set<String> used = new TreeSet<>();
    while (metric.find()) {
      used.add(metric.group());
    }
    assertThat(used).hasSizeGreaterThan(5);
    for (String name : used) {
      String base = name.replaceAll("(_seconds)?(_bucket|_count|_sum|_total)?$", "");
      assertThat(constants).as("%s is one of MetricNames", name).contains(base);
    }
  }

  // --- what the checks read ---

  /** A pod template and what owns it. */
  private record Workload(HasMetadata owner, PodTemplateSpec template) {
    @Override
    public String toString() {
      return owner.getKind() + " " + owner.getMetadata().getName();
    }
  }

  private static List<Workload> workloads() {
    List<Workload> workloads = new ArrayList<>();
    Manifests.ofKind(manifests, Deployment.class)
        .forEach(d -> workloads.add(new Workload(d, d.getSpec().getTemplate())));
    Manifests.ofKind(manifests, StatefulSet.class)
        .forEach(s -> workloads.add(new Workload(s, s.getSpec().getTemplate())));
    Manifests.ofKind(manifests, Job.class)
        .forEach(j -> workloads.add(new Workload(j, j.getSpec().getTemplate())));
    Manifests.ofKind(manifests, CronJob.class)
        .forEach(
            c ->
                workloads.add(
                    new Workload(c, c.getSpec().getJobTemplate().getSpec().getTemplate())));
    return workloads;
  }

  private static List<Container> containers(PodSpec pod) {
    List<Container> all = new ArrayList<>(pod.getInitContainers());
    all.addAll(pod.getContainers());
    return all;
  }

  private static Set<String> names(Class<? extends HasMetadata> kind) {
    Set<String> names = new TreeSet<>();
    Manifests.ofKind(manifests, kind).forEach(o -> names.add(o.getMetadata().getName()));
    return names;
  }

  private static ConfigMap configMap(String name) {
    return Manifests.find(manifests, ConfigMap.class, name)
        .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
  }

  private static List<GenericKubernetesResource> custom(String kind) {
    return Manifests.ofKind(manifests, GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals(kind))
        .toList();
  }

  private static JsonNode raw(HasMetadata object) {
    return manifests.stream().filter(m -> m.object() == object).findFirst().orElseThrow().raw();
  }

  private static int partitions(String topic) {
    return Topics.ALL.stream()
        .filter(t -> t.name().equals(topic))
        .findFirst()
        .orElseThrow()
        .partitions();
  }

  /** A container's environment: its ConfigMaps' entries, its Secrets' keys, then its own. */
  private static Map<String, String> environment(Container container) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (EnvFromSource from : container.getEnvFrom()) {
      if (from.getConfigMapRef() != null) {
        environment.putAll(configMap(from.getConfigMapRef().getName()).getData());
      } else {
        handMadeSecrets
            .get(from.getSecretRef().getName())
            .forEach(k -> environment.put(k, "(secret)"));
      }
    }
    for (EnvVar variable : container.getEnv()) {
      environment.put(
          variable.getName(), variable.getValue() == null ? "(ref)" : variable.getValue());
    }
    return environment;
  }

  /**
   * The variables an app reads: the placeholders of its {@code application.yml}, the ones its
   * environment's values refer to (Spring resolves those too), and Spring's relaxed form of every
   * setting it has ({@code SPRING_KAFKA_...} for Spring's own, {@code TRANSLATION_...} for the
   * app's).
   */
  private static Set<String> readBy(String app, Map<String, String> environment) {
    String text = Manifests.repositoryFile(app + "/src/main/resources/application.yml");
    Set<String> read = new HashSet<>();
    Matcher placeholder = PLACEHOLDER.matcher(text);
    while (placeholder.find()) {
      read.add(placeholder.group(1));
    }
    for (String value : environment.values()) {
      Matcher inValue = PLACEHOLDER.matcher(value);
      while (inValue.find()) {
        read.add(inValue.group(1));
      }
    }
    Set<String> settings = new HashSet<>();
    flatten(applicationYml(app), "", settings);
    for (String name : environment.keySet()) {
      String relaxed = name.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
      boolean bootSetting = SPRING_BOOT_SETTINGS.contains(relaxed);
      boolean kafkaClientSetting =
          relaxed.startsWith(KAFKA_PROPERTIES)
              && KAFKA_CLIENT_SETTINGS.contains(relaxed.substring(KAFKA_PROPERTIES.length()));
      boolean appSetting =
          settings.stream().anyMatch(s -> s.replace("-", "").equals(relaxed.replace("-", "")));
      if (bootSetting || kafkaClientSetting || appSetting) {
        read.add(name);
      }
    }
    return read;
  }

  private static Set<String> kafkaClientSettings() {
    Set<String> names = new HashSet<>();
    names.addAll(org.apache.kafka.clients.producer.ProducerConfig.configNames());
    names.addAll(org.apache.kafka.clients.consumer.ConsumerConfig.configNames());
    names.addAll(org.apache.kafka.clients.admin.AdminClientConfig.configNames());
    return names;
  }

  private static void flatten(JsonNode node, String prefix, Set<String> into) {
    if (node.isObject()) {
      node.fieldNames()
          .forEachRemaining(
              name -> flatten(node.get(name), prefix.isEmpty() ? name : prefix + "." + name, into));
    } else {
      into.add(prefix);
    }
  }

  private static JsonNode applicationYml(String app) {
    try {
      return new YAMLMapper()
          .readTree(Manifests.repositoryFile(app + "/src/main/resources/application.yml"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static int defaultPort(String app) {
    Matcher port =
        Pattern.compile("\\$\\{PORT:(\\d+)}")
            .matcher(applicationYml(app).path("server").path("port").asText());
    assertThat(port.find()).as("%s's server.port", app).isTrue();
    return Integer.parseInt(port.group(1));
  }

  private static String path(Probe probe) {
    assertThat(probe).isNotNull();
    return probe.getHttpGet().getPath();
  }

  private static int seconds(String duration) {
    return Integer.parseInt(duration.replace("s", ""));
  }
}
