package dev.translation.submit.jobs;

import dev.translation.submit.persistence.ModelRegistryRepository;
import dev.translation.submit.persistence.StoredModelVersion;
import dev.translation.submit.persistence.StoredRollout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * The model registry as clients see it: per language pair, the active version and the canary, with
 * their scores and lineage. Empty before the job launcher registered any model.
 */
@Service
public class ReadModels {

  private static final Logger log = LoggerFactory.getLogger(ReadModels.class);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ModelRegistryRepository registry;

  public ReadModels(ModelRegistryRepository registry) {
    this.registry = registry;
  }

  /** Every language pair's rollout. */
  public ServedModels served() {
    List<StoredRollout> rollouts = registry.rollouts();
    Map<String, StoredModelVersion> versions =
        registry.versions(
            rollouts.stream()
                .flatMap(r -> Stream.of(r.activeModel(), r.canaryModel()))
                .filter(Objects::nonNull)
                .distinct()
                .toList());
    return new ServedModels(
        rollouts.stream()
            .map(
                r ->
                    new ServedModels.PairRollout(
                        r.source(),
                        r.target(),
                        r.revision(),
                        r.updatedAt(),
                        version(versions.get(r.activeModel())),
                        r.canaryModel() == null ? null : version(versions.get(r.canaryModel())),
                        r.canaryPercent()))
            .toList());
  }

  private static ServedModels.ModelVersion version(StoredModelVersion stored) {
    if (stored == null) {
      // The foreign keys make this impossible; should it happen, the pair still shows.
      return null;
    }
    return new ServedModels.ModelVersion(
        stored.modelId(),
        stored.name(),
        stored.version(),
        stored.state().toLowerCase(Locale.ROOT),
        stored.registeredAt(),
        stored.stateChangedAt(),
        scores(stored.modelId(), stored.metricsJson()),
        json(stored.modelId(), "lineage", stored.lineageJson()));
  }

  /**
   * The scores in the registry's {@code metrics} column. Entries that are not objects are skipped
   * and missing fields are null: a launcher that records more, or less, must not break this list.
   */
  static List<ServedModels.Score> scores(String modelId, String metricsJson) {
    JsonNode metrics = json(modelId, "metrics", metricsJson);
    List<ServedModels.Score> scores = new ArrayList<>();
    if (!metrics.isArray()) {
      return scores;
    }
    for (JsonNode entry : metrics) {
      if (!entry.isObject()) {
        continue;
      }
      scores.add(
          new ServedModels.Score(
              text(entry.get("testSet")),
              text(entry.get("system")),
              entry.path("sentences").isIntegralNumber() ? entry.get("sentences").asInt() : null,
              number(entry.get("bleu")),
              number(entry.get("chrf"))));
    }
    return scores;
  }

  private static JsonNode json(String modelId, String column, String text) {
    if (text == null) {
      return NullNode.getInstance();
    }
    try {
      return JSON.readTree(text);
    } catch (JacksonException e) {
      // The schema checks JSON_VALID; should a value still not parse, the version shows without it.
      log.warn("model {}: {} is not JSON: {}", modelId, column, e.getOriginalMessage());
      return NullNode.getInstance();
    }
  }

  private static String text(JsonNode node) {
    return node != null && node.isString() ? node.asString() : null;
  }

  private static Double number(JsonNode node) {
    return node != null && node.isNumber() ? node.asDouble() : null;
  }
}
