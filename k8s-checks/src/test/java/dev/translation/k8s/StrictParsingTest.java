package dev.translation.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every manifest parses into fabric8's model of its kind with no field left over: fabric8 keeps a
 * field it does not know (a typo, a field of another kind or version) in {@code
 * additionalProperties}, which this test walks. Custom resources (KEDA, the Prometheus Operator)
 * are checked against the fields their CRDs define ({@link CustomResourceFields}).
 */
class StrictParsingTest {

  @Test
  void everyManifestParsesWithNoUnknownField() {
    List<Manifests.Manifest> manifests = Manifests.base();
    assertThat(manifests).hasSizeGreaterThan(40);

    List<String> unknown = new ArrayList<>();
    for (Manifests.Manifest manifest : manifests) {
      if (manifest.object() instanceof GenericKubernetesResource) {
        unknown.addAll(CustomResourceFields.unknownFields(manifest));
      } else {
        walk(manifest.object(), manifest.toString(), unknown);
      }
    }

    assertThat(unknown).as("fields fabric8's models (or the CRDs) do not have").isEmpty();
  }

  @Test
  void theWalkFindsAMisspeltField() {
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: typo
        spec:
          selector:
            matchLabels: {app: typo}
          template:
            metadata:
              labels: {app: typo}
            spec:
              containers:
                - name: app
                  image: example
                  resource:
                    limits: {memory: 1Gi}
        """;
    List<String> unknown = new ArrayList<>();
    for (Manifests.Manifest manifest : Manifests.parse(Manifests.ROOT, yaml)) {
      walk(manifest.object(), "typo", unknown);
    }

    assertThat(unknown).singleElement().asString().contains("resource");
  }

  @Test
  void onlyTheKindsOfTheDesignAreCustom() {
    Set<String> custom =
        Set.copyOf(
            Manifests.base().stream()
                .filter(m -> m.object() instanceof GenericKubernetesResource)
                .map(Manifests.Manifest::kind)
                .toList());

    assertThat(custom)
        .containsExactlyInAnyOrder(
            "ScaledObject", "TriggerAuthentication", "PodMonitor", "PrometheusRule");
  }

  /** Collects every non-empty {@code additionalProperties} below {@code node}, with its path. */
  static void walk(Object node, String path, List<String> unknown) {
    if (node == null) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> walk(value, path + "." + key, unknown));
      return;
    }
    if (!node.getClass().getPackageName().startsWith("io.fabric8")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add(path + ": " + extra.keySet());
        }
        continue;
      }
      walk(value, path + "." + property(getter.getName()), unknown);
    }
  }

  private static String property(String getter) {
    return Character.toLowerCase(getter.charAt(3)) + getter.substring(4);
  }

  /** The raw YAML of a manifest below a path such as {@code spec.triggers}. */
  static JsonNode at(JsonNode raw, String path) {
    JsonNode node = raw;
    for (String part : path.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }
}
