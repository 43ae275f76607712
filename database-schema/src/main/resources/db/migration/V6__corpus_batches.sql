-- Corpus batches: whole corpora (a folder of documents, or a text, TSV or JSONL corpus) that the job
-- launcher runs as Kubernetes Jobs (or local processes). The batch's own state lives here; each shard's
-- segments are an ordinary job (jobs, segments), so the API and the web page show a shard's progress
-- like any other job's. Spring Batch's BATCH_* tables (V5) hold the runner's restart state.
CREATE TABLE corpus_batches (
  -- Lower-case letters, digits and dashes: it names the Kubernetes Job and labels its pods.
  id            VARCHAR(42)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  api_key_id    BIGINT        NOT NULL,
  -- As launched: a path below the launcher's input root, or an http(s) URL.
  input         VARCHAR(2000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  input_format  ENUM('DOCUMENTS', 'TEXT', 'TSV', 'JSONL') NOT NULL,
  -- TSV: the column (1-based number, or its name when the corpus has a header); JSONL: the field.
  input_field   VARCHAR(200)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  has_header    BOOLEAN       NOT NULL DEFAULT FALSE,
  -- A directory below the launcher's output root.
  output        VARCHAR(2000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  source_lang   CHAR(2)       CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  target_lang   CHAR(2)       CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  priority      ENUM('LOW', 'NORMAL', 'HIGH') NOT NULL,
  shards        INT           NOT NULL,
  executor      ENUM('LOCAL', 'KUBERNETES') NOT NULL,
  status        ENUM('QUEUED', 'RUNNING', 'SUCCEEDED', 'PARTIALLY_FAILED', 'FAILED', 'CANCELLED')
                              NOT NULL DEFAULT 'QUEUED',
  -- Why a batch failed or was cancelled, in words for its owner.
  reason        TEXT          NULL,
  -- The merged summary of the shards (the summary.json written beside the outputs).
  summary       LONGTEXT      NULL,
  created_at    DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at    DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  started_at    DATETIME(6)   NULL,
  finished_at   DATETIME(6)   NULL,
  PRIMARY KEY (id),
  -- A key's batches, newest first.
  KEY ix_corpus_batches_api_key_created (api_key_id, created_at, id),
  -- The launcher re-attaching to unfinished batches after its restart.
  KEY ix_corpus_batches_status (status),
  CONSTRAINT fk_corpus_batches_api_key FOREIGN KEY (api_key_id) REFERENCES api_keys (id),
  CONSTRAINT ck_corpus_batches_shards CHECK (shards BETWEEN 1 AND 1000),
  CONSTRAINT ck_corpus_batches_summary_json CHECK (summary IS NULL OR JSON_VALID(summary))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One share of a batch's input (all of it when the batch has one shard), run by one Kubernetes Job
-- index or one local process at a time.
CREATE TABLE corpus_batch_shards (
  batch_id      VARCHAR(42)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  shard_index   INT           NOT NULL,
  -- The job that holds this shard's segments; set by the shard's first attempt.
  job_id        CHAR(36)      CHARACTER SET ascii COLLATE ascii_bin NULL,
  status        ENUM('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED') NOT NULL DEFAULT 'QUEUED',
  -- Processes (pods) started for this shard, the first one included.
  attempts      INT           NOT NULL DEFAULT 0,
  -- The runner's current step: read, memory, publish, await, write.
  phase         VARCHAR(16)   CHARACTER SET ascii COLLATE ascii_bin NULL,
  -- Input items (lines or documents) read so far, and in all once reading finished.
  items_read    BIGINT        NOT NULL DEFAULT 0,
  items_total   BIGINT        NULL,
  reason        TEXT          NULL,
  summary       LONGTEXT      NULL,
  updated_at    DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  started_at    DATETIME(6)   NULL,
  finished_at   DATETIME(6)   NULL,
  PRIMARY KEY (batch_id, shard_index),
  CONSTRAINT fk_corpus_batch_shards_batch FOREIGN KEY (batch_id) REFERENCES corpus_batches (id)
    ON DELETE CASCADE,
  -- Jobs are purged after the API's retention; the batch keeps its summary.
  CONSTRAINT fk_corpus_batch_shards_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE SET NULL,
  CONSTRAINT ck_corpus_batch_shards_index CHECK (shard_index >= 0 AND attempts >= 0),
  CONSTRAINT ck_corpus_batch_shards_summary_json CHECK (summary IS NULL OR JSON_VALID(summary))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
