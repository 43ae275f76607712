package dev.translation.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kubectl kustomize} renders the base and every overlay into objects that parse as strictly
 * as the files themselves, all in the namespace {@code translation}. Skipped, with a message, where
 * no {@code kubectl} is installed.
 */
class KustomizeRenderTest {

  private static Path kubectl;

  @BeforeAll
  static void findKubectl() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        kubectl = candidate;
        return;
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "overlays/small", "overlays/production", "overlays/gpu"})
  void rendersIntoStrictlyParsedObjectsOfTheNamespace(String directory) throws Exception {
    List<Manifests.Manifest> rendered = render(directory);

    assertThat(rendered).hasSizeGreaterThan(40);
    List<String> unknown = new ArrayList<>();
    for (Manifests.Manifest manifest : rendered) {
      if (manifest.object() instanceof GenericKubernetesResource) {
        unknown.addAll(CustomResourceFields.unknownFields(manifest));
      } else {
        StrictParsingTest.walk(manifest.object(), manifest.toString(), unknown);
      }
      HasMetadata object = manifest.object();
      if (!object.getKind().equals("Namespace")) {
        assertThat(object.getMetadata().getNamespace())
            .as(manifest.toString())
            .isEqualTo("translation");
      }
    }
    assertThat(unknown).isEmpty();
    assertThat(rendered).anyMatch(m -> m.name().equals("grafana-dashboard-translation"));

    StatefulSet kafka = Manifests.find(rendered, StatefulSet.class, "kafka").orElseThrow();
    Container broker = kafka.getSpec().getTemplate().getSpec().getContainers().getFirst();
    switch (directory) {
      case "overlays/small" -> {
        assertThat(kafka.getSpec().getReplicas()).isEqualTo(1);
        assertThat(env(broker, "KAFKA_REPLICAS")).isEqualTo("1");
        assertThat(env(broker, "KAFKA_REPLICATION_FACTOR")).isEqualTo("1");
        assertThat(env(broker, "KAFKA_MIN_INSYNC_REPLICAS")).isEqualTo("1");
      }
      case "overlays/production" -> {
        // The overlay patches the broker's environment by position: the right variable changed.
        assertThat(env(broker, "KAFKA_HEAP_OPTS")).isEqualTo("-Xms2g -Xmx2g");
        assertThat(env(broker, "KAFKA_REPLICATION_FACTOR")).isEqualTo("3");
        assertThat(kafka.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
            .hasSize(1);
      }
      case "overlays/gpu" -> {
        Deployment worker =
            Manifests.find(rendered, Deployment.class, "worker-batch").orElseThrow();
        Container container = worker.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getResources().getLimits())
            .containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(container.getImage()).isEqualTo("translation/worker:0.1.0-cuda");
      }
      default -> {
        assertThat(kafka.getSpec().getReplicas()).isEqualTo(3);
        assertThat(env(broker, "KAFKA_REPLICATION_FACTOR")).isEqualTo("3");
        assertThat(env(broker, "KAFKA_MIN_INSYNC_REPLICAS")).isEqualTo("2");
      }
    }
  }

  private static String env(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private static List<Manifests.Manifest> render(String directory)
      throws IOException, InterruptedException {
    assumeTrue(kubectl != null, "no kubectl on the PATH: the kustomize rendering is not checked");
    Path root = Manifests.ROOT.resolve(directory);
    Process process =
        new ProcessBuilder(kubectl.toString(), "kustomize", root.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return Manifests.parse(root, output);
  }
}
