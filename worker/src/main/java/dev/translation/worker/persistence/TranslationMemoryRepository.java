package dev.translation.worker.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The translation memory: translations already produced, keyed by (source hash, language pair,
 * model version), so a repeated segment is translated once per model version.
 */
@Repository
public class TranslationMemoryRepository {

  private final JdbcTemplate jdbc;

  public TranslationMemoryRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The stored translations of the given sources.
   *
   * @param sources source text by its {@link dev.translation.contracts.Sha256} hex
   * @return translation by source hash, for the sources found (a hash whose stored source text
   *     differs, a collision, counts as not found)
   */
  public Map<String, String> find(
      String languagePair, String modelVersion, Map<String, String> sources) {
    Map<String, String> found = new HashMap<>();
    if (sources.isEmpty()) {
      return found;
    }
    List<Object> args = new ArrayList<>(sources.size() + 2);
    args.add(languagePair);
    args.add(modelVersion);
    args.addAll(sources.keySet());
    jdbc.query(
        "SELECT source_hash, source_text, translation FROM translation_memory"
            + " WHERE lang_pair = ? AND model_version = ? AND source_hash IN ("
            + SegmentRepository.placeholders(sources.size())
            + ")",
        row -> {
          String hash = row.getString(1);
          if (row.getString(2).equals(sources.get(hash))) {
            found.put(hash, row.getString(3));
          }
        },
        args.toArray());
    return found;
  }

  /**
   * Adds new entries; one that another worker added meanwhile only has its hits counted. Idempotent
   * in content (the same model version always gives the same translation).
   */
  public void insert(List<MemoryEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        "INSERT INTO translation_memory"
            + " (source_hash, lang_pair, model_version, source_text, translation, hits)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE hits = hits + 1 + ?",
        entries,
        entries.size(),
        (statement, entry) -> {
          statement.setString(1, entry.sourceHash());
          statement.setString(2, entry.languagePair());
          statement.setString(3, entry.modelVersion());
          statement.setString(4, entry.sourceText());
          statement.setString(5, entry.translation());
          statement.setInt(6, entry.hits());
          statement.setInt(7, entry.hits());
        });
  }

  /** Counts segments served by existing entries. */
  public void countHits(List<MemoryEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        "UPDATE translation_memory SET hits = hits + ?"
            + " WHERE source_hash = ? AND lang_pair = ? AND model_version = ?",
        entries,
        entries.size(),
        (statement, entry) -> {
          statement.setInt(1, entry.hits());
          statement.setString(2, entry.sourceHash());
          statement.setString(3, entry.languagePair());
          statement.setString(4, entry.modelVersion());
        });
  }
}
