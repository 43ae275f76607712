package dev.translation.submit.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL for {@code segment_corrections}: users' better translations of their own segments, one
 * per segment. The retrain job marks the rows it used ({@code used_by_model}); from then on a row
 * is never changed here.
 */
@Repository
public class SegmentCorrectionRepository {

  private static final String COLUMNS =
      "id, job_id, segment_idx, corrected_text, created_at, used_by_model";

  private final JdbcClient jdbc;

  public SegmentCorrectionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The segment's correction, locked until the transaction ends (or the gap, when none). */
  public Optional<StoredCorrection> findForUpdate(String jobId, int segmentIndex) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM segment_corrections WHERE job_id = :job AND segment_idx = :idx FOR"
                + " UPDATE")
        .param("job", jobId)
        .param("idx", segmentIndex)
        .query(SegmentCorrectionRepository::correction)
        .optional();
  }

  /** Writes the segment's first correction; the caller holds the job's row lock. */
  public void insert(NewCorrection correction) {
    jdbc.sql(
            "INSERT INTO segment_corrections (job_id, segment_idx, api_key_id, source_lang,"
                + " target_lang, source_text, model_translation, model_version, corrected_text,"
                + " created_at) VALUES (:job, :idx, :key, :source, :target, :sourceText,"
                + " :modelTranslation, :modelVersion, :corrected, UTC_TIMESTAMP(6))")
        .param("job", correction.jobId())
        .param("idx", correction.segmentIndex())
        .param("key", correction.apiKeyId())
        .param("source", correction.source())
        .param("target", correction.target())
        .param("sourceText", correction.sourceText())
        .param("modelTranslation", correction.modelTranslation())
        .param("modelVersion", correction.modelVersion())
        .param("corrected", correction.correctedText())
        .update();
  }

  /**
   * Replaces a correction that no model has used yet with a newer one.
   *
   * @return whether it was replaced (false once a model has used it)
   */
  public boolean replace(long id, String correctedText) {
    return jdbc.sql(
                "UPDATE segment_corrections SET corrected_text = :corrected, created_at ="
                    + " UTC_TIMESTAMP(6) WHERE id = :id AND used_by_model IS NULL")
            .param("corrected", correctedText)
            .param("id", id)
            .update()
        == 1;
  }

  /** The segment's correction. */
  public Optional<StoredCorrection> find(String jobId, int segmentIndex) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM segment_corrections WHERE job_id = :job AND segment_idx = :idx")
        .param("job", jobId)
        .param("idx", segmentIndex)
        .query(SegmentCorrectionRepository::correction)
        .optional();
  }

  private static StoredCorrection correction(ResultSet rs, int row) throws SQLException {
    return new StoredCorrection(
        rs.getLong("id"),
        rs.getString("job_id"),
        rs.getInt("segment_idx"),
        rs.getString("corrected_text"),
        SubmittedJobRepository.instant(rs, "created_at"),
        rs.getString("used_by_model"));
  }
}
