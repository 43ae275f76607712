package dev.translation.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of the custom resources the manifests use, as their CRDs define them (KEDA 2.x's
 * ScaledObject and TriggerAuthentication with the kafka scaler's metadata keys, the Prometheus
 * Operator's PodMonitor and PrometheusRule), written as nested maps: a map is an object with those
 * fields, a one-element list an array of such, {@link #ANY} anything (free-form or not checked).
 */
final class CustomResourceFields {

  static final Object ANY = new Object();
  private static final Object STRING = ANY;

  private static final Map<String, Object> METADATA =
      Map.of("name", STRING, "namespace", STRING, "labels", ANY, "annotations", ANY);

  private static final Map<String, Object> LABEL_SELECTOR =
      Map.of("matchLabels", ANY, "matchExpressions", ANY);

  /** The kafka scaler's trigger metadata. */
  private static final Map<String, Object> KAFKA_METADATA =
      Map.ofEntries(
          Map.entry("bootstrapServers", STRING),
          Map.entry("consumerGroup", STRING),
          Map.entry("topic", STRING),
          Map.entry("lagThreshold", STRING),
          Map.entry("activationLagThreshold", STRING),
          Map.entry("offsetResetPolicy", STRING),
          Map.entry("allowIdleConsumers", STRING),
          Map.entry("scaleToZeroOnInvalidOffset", STRING),
          Map.entry("excludePersistentLag", STRING),
          Map.entry("limitToPartitionsWithLag", STRING),
          Map.entry("ensureEvenDistributionOfPartitions", STRING),
          Map.entry("partitionLimitation", STRING),
          Map.entry("version", STRING),
          Map.entry("sasl", STRING),
          Map.entry("tls", STRING),
          Map.entry("unsafeSsl", STRING));

  private static final Map<String, Object> SCALED_OBJECT_SPEC =
      Map.ofEntries(
          Map.entry(
              "scaleTargetRef",
              Map.of(
                  "apiVersion",
                  STRING,
                  "kind",
                  STRING,
                  "name",
                  STRING,
                  "envSourceContainerName",
                  STRING)),
          Map.entry("pollingInterval", ANY),
          Map.entry("cooldownPeriod", ANY),
          Map.entry("initialCooldownPeriod", ANY),
          Map.entry("idleReplicaCount", ANY),
          Map.entry("minReplicaCount", ANY),
          Map.entry("maxReplicaCount", ANY),
          Map.entry("fallback", Map.of("failureThreshold", ANY, "replicas", ANY, "behavior", ANY)),
          Map.entry(
              "advanced",
              Map.of(
                  "restoreToOriginalReplicaCount", ANY,
                  "horizontalPodAutoscalerConfig", Map.of("name", STRING, "behavior", ANY),
                  "scalingModifiers", ANY)),
          Map.entry(
              "triggers",
              List.of(
                  Map.of(
                      "type", STRING,
                      "name", STRING,
                      "metadata", KAFKA_METADATA,
                      "authenticationRef", Map.of("name", STRING, "kind", STRING),
                      "metricType", STRING,
                      "useCachedMetrics", ANY))));

  private static final Map<String, Object> TRIGGER_AUTHENTICATION_SPEC =
      Map.of(
          "secretTargetRef", List.of(Map.of("parameter", STRING, "name", STRING, "key", STRING)),
          "configMapTargetRef", List.of(Map.of("parameter", STRING, "name", STRING, "key", STRING)),
          "env", List.of(Map.of("parameter", STRING, "name", STRING, "containerName", STRING)),
          "podIdentity", ANY,
          "hashiCorpVault", ANY,
          "azureKeyVault", ANY,
          "awsSecretManager", ANY,
          "gcpSecretManager", ANY,
          "boundServiceAccountToken", ANY);

  private static final Map<String, Object> POD_MONITOR_SPEC =
      Map.of(
          "selector",
          LABEL_SELECTOR,
          "namespaceSelector",
          ANY,
          "jobLabel",
          STRING,
          "podTargetLabels",
          ANY,
          "sampleLimit",
          ANY,
          "podMetricsEndpoints",
          List.of(
              Map.ofEntries(
                  Map.entry("port", STRING),
                  Map.entry("portNumber", ANY),
                  Map.entry("path", STRING),
                  Map.entry("scheme", STRING),
                  Map.entry("interval", STRING),
                  Map.entry("scrapeTimeout", STRING),
                  Map.entry("honorLabels", ANY),
                  Map.entry("params", ANY),
                  Map.entry("relabelings", ANY),
                  Map.entry("metricRelabelings", ANY))));

  private static final Map<String, Object> PROMETHEUS_RULE_SPEC =
      Map.of(
          "groups",
          List.of(
              Map.of(
                  "name",
                  STRING,
                  "interval",
                  STRING,
                  "limit",
                  ANY,
                  "rules",
                  List.of(
                      Map.of(
                          "record", STRING,
                          "alert", STRING,
                          "expr", STRING,
                          "for", STRING,
                          "keep_firing_for", STRING,
                          "labels", ANY,
                          "annotations", ANY)))));

  private static final Map<String, Map<String, Object>> SPECS =
      Map.of(
          "keda.sh/v1alpha1 ScaledObject", SCALED_OBJECT_SPEC,
          "keda.sh/v1alpha1 TriggerAuthentication", TRIGGER_AUTHENTICATION_SPEC,
          "monitoring.coreos.com/v1 PodMonitor", POD_MONITOR_SPEC,
          "monitoring.coreos.com/v1 PrometheusRule", PROMETHEUS_RULE_SPEC);

  private CustomResourceFields() {}

  /** The fields of a custom resource its CRD does not define (all of it for an unknown kind). */
  static List<String> unknownFields(Manifests.Manifest manifest) {
    JsonNode raw = manifest.raw();
    String type = raw.path("apiVersion").asText() + " " + raw.path("kind").asText();
    Map<String, Object> spec = SPECS.get(type);
    List<String> unknown = new ArrayList<>();
    if (spec == null) {
      unknown.add(manifest + ": no CRD fields known for " + type);
      return unknown;
    }
    check(
        raw,
        Map.of("apiVersion", STRING, "kind", STRING, "metadata", METADATA, "spec", spec),
        manifest.toString(),
        unknown);
    return unknown;
  }

  private static void check(JsonNode node, Object schema, String path, List<String> unknown) {
    if (schema == ANY) {
      return;
    }
    if (schema instanceof List<?> items) {
      if (!node.isArray()) {
        unknown.add(path + ": not a list");
        return;
      }
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), items.getFirst(), path + "[" + i + "]", unknown);
      }
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) schema;
    if (!node.isObject()) {
      unknown.add(path + ": not an object");
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      Object fieldSchema = fields.get(field.getKey());
      if (fieldSchema == null) {
        unknown.add(path + "." + field.getKey());
      } else {
        check(field.getValue(), fieldSchema, path + "." + field.getKey(), unknown);
      }
    }
  }

  /** For tests of this class: the kinds it knows. */
  static Set<String> knownKinds() {
    return SPECS.keySet();
  }
}
