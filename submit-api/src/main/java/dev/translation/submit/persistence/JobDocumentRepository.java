package dev.translation.submit.persistence;

import dev.translation.documents.DocumentFormat;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The files of jobs submitted as documents ({@code job_documents}). */
@Repository
public class JobDocumentRepository {

  /** The most bytes of a file one row (and so one statement) holds. */
  static final int CHUNK_BYTES = 1 << 20;

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;

  public JobDocumentRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
  }

  /** Stores a job's file; call in the transaction that inserts the job. */
  public void insert(String jobId, StoredDocument document, byte[] content) {
    jdbc.sql(
            "INSERT INTO job_documents (job_id, file_name, format, output_format, size_bytes,"
                + " sha256) VALUES (:job, :name, :format, :output, :size, :sha256)")
        .param("job", jobId)
        .param("name", document.fileName())
        .param("format", document.format().name())
        .param("output", document.outputFormat().name())
        .param("size", content.length)
        .param("sha256", document.sha256())
        .update();
    // One statement per chunk, streamed from the caller's array: the driver buffers a chunk, never
    // a second copy of the whole file.
    for (int idx = 0, offset = 0; offset < content.length; idx++, offset += CHUNK_BYTES) {
      int index = idx;
      int from = offset;
      int length = Math.min(CHUNK_BYTES, content.length - offset);
      jdbcTemplate.update(
          "INSERT INTO job_document_chunks (job_id, idx, content) VALUES (?, ?, ?)",
          ps -> {
            ps.setString(1, jobId);
            ps.setInt(2, index);
            ps.setBinaryStream(3, new ByteArrayInputStream(content, from, length), length);
          });
    }
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

  /**
   * A job's file as it was uploaded, read a chunk at a time into one array of its size.
   *
   * @param document what {@link #find} said of it
   */
  public byte[] content(String jobId, StoredDocument document) {
    byte[] content = new byte[Math.toIntExact(document.sizeBytes())];
    for (int idx = 0, offset = 0; offset < content.length; idx++) {
      byte[] chunk =
          jdbc.sql("SELECT content FROM job_document_chunks WHERE job_id = :job AND idx = :idx")
              .param("job", jobId)
              .param("idx", idx)
              .query((rs, row) -> rs.getBytes(1))
              .single();
      System.arraycopy(chunk, 0, content, offset, chunk.length);
      offset += chunk.length;
    }
    return content;
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
