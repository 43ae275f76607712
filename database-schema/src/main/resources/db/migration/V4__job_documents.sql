-- A job submitted as a file keeps the file, so that any API replica can write the translated
-- document when it is downloaded. The file goes with its job (ON DELETE CASCADE), and jobs are
-- purged after the API's retention period.
CREATE TABLE job_documents (
  job_id        CHAR(36)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- As the client named it (shown back and used for the download's name), at most 255 characters.
  file_name     VARCHAR(255)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  -- dev.translation.documents.DocumentFormat names: what was detected, and what a download is.
  format        VARCHAR(16)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  output_format VARCHAR(16)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  size_bytes    BIGINT        NOT NULL,
  sha256        CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (job_id),
  CONSTRAINT fk_job_documents_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The file's bytes in chunks of at most 1 MiB, written and read one chunk per statement, so that
-- neither the API nor the driver ever holds a second whole copy of a file in memory.
CREATE TABLE job_document_chunks (
  job_id   CHAR(36)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  idx      INT         NOT NULL,
  content  MEDIUMBLOB  NOT NULL,
  PRIMARY KEY (job_id, idx),
  CONSTRAINT fk_job_document_chunks_document FOREIGN KEY (job_id) REFERENCES job_documents (job_id)
    ON DELETE CASCADE
) ENGINE = InnoDB;

-- A document with nothing to translate (only code, numbers or markup) is a job of no segments,
-- which has succeeded the moment it is accepted.
ALTER TABLE jobs DROP CONSTRAINT ck_jobs_segment_counters;
ALTER TABLE jobs ADD CONSTRAINT ck_jobs_segment_counters CHECK (
  total_segments >= 0
  AND done_segments >= 0 AND failed_segments >= 0 AND cancelled_segments >= 0
  AND done_segments + failed_segments + cancelled_segments <= total_segments);
ALTER TABLE jobs DROP CONSTRAINT ck_jobs_total_texts;
ALTER TABLE jobs ADD CONSTRAINT ck_jobs_total_texts CHECK (
  total_texts >= 0 AND total_texts <= total_segments);
