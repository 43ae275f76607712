package dev.translation.submit.persistence;

import dev.translation.documents.DocumentFormat;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The files of jobs submitted as documents ({@code job_documents}). */
@Repository
public class JobDocumentRepository {

  private final JdbcClient jdbc;

  public JobDocumentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a job's file; call in the transaction that inserts the job. */
  public void insert(String jobId, StoredDocument document, byte[] content) {
    jdbc.sql(
            "INSERT INTO job_documents (job_id, file_name, format, output_format, size_bytes,"
                + " sha256, content) VALUES (:job, :name, :format, :output, :size, :sha256,"
                + " :content)")
        .param("job", jobId)
        .param("name", document.fileName())
        .param("format", document.format().name())
        .param("output", document.outputFormat().name())
        .param("size", content.length)
        .param("sha256", document.sha256())
        .param("content", content)
        .update();
  }

  /** What a job's file is, without its content; empty for a job submitted as texts. */
  public Optional<StoredDocument> find(String jobId) {
    return jdbc.sql(
            "SELECT file_name, format, output_format, size_bytes, sha256 FROM job_documents"
                + " WHERE job_id = :job")
        .param("job", jobId)
        .query(
            (rs, row) ->
                new StoredDocument(
                    rs.getString("file_name"),
                    DocumentFormat.valueOf(rs.getString("format")),
                    DocumentFormat.valueOf(rs.getString("output_format")),
                    rs.getLong("size_bytes"),
                    rs.getString("sha256")))
        .optional();
  }

  /** A job's file as it was uploaded. */
  public Optional<byte[]> content(String jobId) {
    return jdbc.sql("SELECT content FROM job_documents WHERE job_id = :job")
        .param("job", jobId)
        .query((rs, row) -> rs.getBytes("content"))
        .optional();
  }

  /**
   * Deletes up to {@code limit} jobs created before {@code cutoff}, with their segments and files.
   *
   * @return how many jobs were deleted
   */
  public int purgeJobsCreatedBefore(Instant cutoff, int limit) {
    return jdbc.sql("DELETE FROM jobs WHERE created_at < :cutoff ORDER BY created_at LIMIT :limit")
        .param("cutoff", LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC))
        .param("limit", limit)
        .update();
  }
}
