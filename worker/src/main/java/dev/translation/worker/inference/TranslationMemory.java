package dev.translation.worker.inference;

import dev.translation.contracts.LanguagePair;
import dev.translation.worker.persistence.MemoryEntry;
import dev.translation.worker.persistence.ResultStore;
import dev.translation.worker.persistence.TranslationMemoryRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The translation memory: translations already produced, keyed by source, language pair and model
 * version, so a repeated segment goes to the model once per model version.
 *
 * <p>A micro-batch {@linkplain #lookUp looks up} all its sources in one query, then serves segments
 * from the returned {@link Lookup} and teaches it what the model translated. The lookup only
 * collects what to write: the caller stores it with the segments' results in one transaction
 * ({@link ResultStore#save}), so new entries and hit counts are committed with the results they
 * served, or not at all.
 */
@Component
public class TranslationMemory {

  private final TranslationMemoryRepository repository;

  public TranslationMemory(TranslationMemoryRepository repository) {
    this.repository = repository;
  }

  /**
   * What the memory holds for these sources, translated by {@code modelVersion}.
   *
   * @param sourcesByHash source text by its {@link dev.translation.contracts.Sha256} hex
   */
  public Lookup lookUp(
      LanguagePair languages, String modelVersion, Map<String, String> sourcesByHash) {
    String pair = languages.toString();
    return new Lookup(pair, modelVersion, repository.find(pair, modelVersion, sourcesByHash));
  }

  /** One micro-batch's use of the memory: what it knew, what it served, what it learned. */
  public static final class Lookup {

    private final String languagePair;
    private final String modelVersion;
    private final Map<String, String> remembered;
    private final Map<String, Integer> hitsByHash = new LinkedHashMap<>();
    private final List<MemoryEntry> learned = new ArrayList<>();

    private Lookup(String languagePair, String modelVersion, Map<String, String> remembered) {
      this.languagePair = languagePair;
      this.modelVersion = modelVersion;
      this.remembered = Map.copyOf(remembered);
    }

    /** Whether the memory holds a translation of the source with this hash. */
    public boolean knows(String sourceHash) {
      return remembered.containsKey(sourceHash);
    }

    /**
     * Serves one segment: the remembered translation of its source, counted as a hit on that entry,
     * or empty when the memory does not know the source.
     */
    public Optional<String> serve(String sourceHash) {
      String translation = remembered.get(sourceHash);
      if (translation != null) {
        hitsByHash.merge(sourceHash, 1, Integer::sum);
      }
      return Optional.ofNullable(translation);
    }

    /**
     * Remembers what the model made of a source that {@code segments} segments of this batch share:
     * the first went to the model, the others count as hits on the new entry.
     */
    public void learn(String sourceHash, String source, String translation, int segments) {
      learned.add(
          new MemoryEntry(
              sourceHash, languagePair, modelVersion, source, translation, segments - 1));
    }

    /** Segments this batch got without a model call: served, or repeats of a learned source. */
    public int served() {
      int hits = hitsByHash.values().stream().mapToInt(Integer::intValue).sum();
      return hits + learned.stream().mapToInt(MemoryEntry::hits).sum();
    }

    /** The entries to add: what the model translated in this batch. */
    public List<MemoryEntry> newEntries() {
      return List.copyOf(learned);
    }

    /** The hits to count on entries that already existed. */
    public List<MemoryEntry> hits() {
      return hitsByHash.entrySet().stream()
          .map(
              hit ->
                  new MemoryEntry(hit.getKey(), languagePair, modelVersion, "", "", hit.getValue()))
          .toList();
    }
  }
}
