package dev.translation.launcher.persistence;

import dev.translation.contracts.LanguagePair;
import dev.translation.training.retrain.Correction;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code segment_corrections}, a retraining's side: what to take, and what it used. */
@Repository
public class CorrectionRepository {

  private final JdbcClient jdbc;

  public CorrectionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Corrections of the pair that no model has used yet, oldest first. */
  public List<Correction> unused(LanguagePair languages, int limit) {
    return jdbc.sql(
            "SELECT id, source_text, corrected_text FROM segment_corrections WHERE source_lang ="
                + " :source AND target_lang = :target AND used_by_model IS NULL ORDER BY id LIMIT"
                + " :limit")
        .param("source", languages.source())
        .param("target", languages.target())
        .param("limit", limit)
        .query(
            (row, n) ->
                new Correction(
                    row.getLong("id"),
                    row.getString("source_text"),
                    row.getString("corrected_text")))
        .list();
  }

  /** Records that {@code modelId}'s retraining used these corrections, and which it held out. */
  public void markUsed(Collection<Long> trained, Collection<Long> heldOut, String modelId) {
    mark(trained, false, modelId);
    mark(heldOut, true, modelId);
  }

  private void mark(Collection<Long> ids, boolean heldOut, String modelId) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql(
            "UPDATE segment_corrections SET used_by_model = :model, held_out = :heldOut WHERE id"
                + " IN (:ids) AND used_by_model IS NULL")
        .param("model", modelId)
        .param("heldOut", heldOut)
        .param("ids", ids)
        .update();
  }
}
