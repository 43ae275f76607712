package dev.translation.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The manifests under {@code k8s/}: every YAML document of every file, as the raw tree and as
 * fabric8's model of its kind. Kustomize's own files are not Kubernetes objects and are left out.
 */
final class Manifests {

  /** The repository's {@code k8s/}, seen from this module. */
  static final Path ROOT = Path.of("..", "k8s").toAbsolutePath().normalize();

  private static final YAMLMapper YAML = new YAMLMapper();

  /**
   * One Kubernetes object.
   *
   * @param file where it is written
   * @param raw the YAML as written
   * @param object fabric8's model of it (a generic resource for custom resources)
   */
  record Manifest(Path file, JsonNode raw, HasMetadata object) {

    String kind() {
      return object.getKind();
    }

    String name() {
      return object.getMetadata().getName();
    }

    @Override
    public String toString() {
      return kind() + " " + name() + " (" + ROOT.relativize(file) + ")";
    }
  }

  private Manifests() {}

  /** Every object under {@code k8s/} outside the overlays. */
  static List<Manifest> base() {
    try (Stream<Path> files = Files.walk(ROOT)) {
      List<Manifest> manifests = new ArrayList<>();
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".yaml"))
              .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
              .filter(f -> !ROOT.relativize(f).startsWith("overlays"))
              .sorted()
              .toList()) {
        manifests.addAll(parse(file, Files.readString(file)));
      }
      return manifests;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The objects of a YAML text that holds one or more documents. */
  static List<Manifest> parse(Path file, String yaml) {
    List<Manifest> manifests = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (documents.hasNext()) {
        JsonNode raw = documents.next();
        if (raw == null || raw.isNull() || raw.isEmpty()) {
          continue;
        }
        KubernetesResource parsed = Serialization.unmarshal(YAML.writeValueAsString(raw));
        if (!(parsed instanceof HasMetadata object)) {
          throw new AssertionError(file + ": not a Kubernetes object: " + raw.path("kind"));
        }
        manifests.add(new Manifest(file, raw, object));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + " is not YAML", e);
    }
    return manifests;
  }

  /** The objects of a given kind. */
  static <T extends HasMetadata> List<T> ofKind(List<Manifest> manifests, Class<T> type) {
    return manifests.stream()
        .map(Manifest::object)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  /** The object of this kind and name, if any. */
  static <T extends HasMetadata> Optional<T> find(
      List<Manifest> manifests, Class<T> type, String name) {
    return ofKind(manifests, type).stream()
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst();
  }

  /** A file of the repository, as text. */
  static String repositoryFile(String path) {
    try {
      return Files.readString(ROOT.resolveSibling(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
