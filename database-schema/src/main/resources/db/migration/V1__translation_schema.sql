-- The translation pipeline's schema, for MySQL 8.0+ and MariaDB 10.11+ (InnoDB, utf8mb4).
--
-- Conventions
-- * Every DATETIME(6) holds UTC. The apps write java.time.Instant values; the servers run with
--   UTC as their time zone, so the CURRENT_TIMESTAMP(6) defaults agree with them.
-- * Status columns are ENUMs spelled exactly like the Java enums in dev.translation.contracts
--   (JobStatus, SegmentStatus, Lane); a test keeps the two in step.
-- * Hashes are SHA-256 in lower-case hex: CHAR(64) ASCII, binary collation.
-- * Writes from Kafka consumers are at-least-once, so they are idempotent by key:
--     results:  UPDATE segments SET status = 'DONE', translation = ?, model_version = ?, ...
--               WHERE job_id = ? AND idx = ? AND status = 'PENDING'
--               and the job's counters grow by the number of rows that statement changed, never
--               by the number of messages seen. The CHECK on jobs' counters turns a double count
--               into an error instead of a job that claims more results than segments.
--     memory:   INSERT ... ON DUPLICATE KEY UPDATE hits = hits + 1

-- API keys. The key itself is shown once at creation and never stored, only its hash. Limits have
-- no defaults here on purpose: the API's configuration is the one place default limits live.
CREATE TABLE api_keys (
  id                    BIGINT       NOT NULL AUTO_INCREMENT,
  name                  VARCHAR(100) NOT NULL,
  key_hash              CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at            DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  revoked_at            DATETIME(6)  NULL,
  max_texts_per_request INT          NOT NULL,
  max_chars_per_text    INT          NOT NULL,
  requests_per_minute   INT          NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_api_keys_key_hash (key_hash),
  CONSTRAINT ck_api_keys_limits CHECK (
    max_texts_per_request > 0 AND max_chars_per_text > 0 AND requests_per_minute > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One translation request (from the API or a corpus job). The segment counters are maintained in
-- the same transaction as the segment rows they count.
CREATE TABLE jobs (
  id                 CHAR(36)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  api_key_id         BIGINT        NOT NULL,
  -- Client-chosen, case-sensitive; NULL when the client sent no Idempotency-Key header.
  idempotency_key    VARCHAR(255)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  -- SHA-256 of the canonical request body: a retried key with a different body is refused.
  request_hash       CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NULL,
  status             ENUM('QUEUED', 'RUNNING', 'SUCCEEDED', 'PARTIALLY_FAILED', 'FAILED', 'CANCELLED')
                                   NOT NULL DEFAULT 'QUEUED',
  source_lang        CHAR(2)       CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  target_lang        CHAR(2)       CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  lane               ENUM('INTERACTIVE', 'BATCH') NOT NULL,
  model_hint         VARCHAR(160)  CHARACTER SET ascii COLLATE ascii_bin NULL,
  total_segments     INT           NOT NULL,
  done_segments      INT           NOT NULL DEFAULT 0,
  failed_segments    INT           NOT NULL DEFAULT 0,
  cancelled_segments INT           NOT NULL DEFAULT 0,
  created_at         DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at         DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  started_at         DATETIME(6)   NULL,
  finished_at        DATETIME(6)   NULL,
  PRIMARY KEY (id),
  -- Several NULL keys are allowed (no header); a repeated non-NULL key per API key is not.
  UNIQUE KEY uk_jobs_idempotency_key (api_key_id, idempotency_key),
  -- GET /v1/jobs: a key's jobs, newest first, keyset-paginated on (created_at, id).
  KEY ix_jobs_api_key_created (api_key_id, created_at, id),
  CONSTRAINT fk_jobs_api_key FOREIGN KEY (api_key_id) REFERENCES api_keys (id),
  CONSTRAINT ck_jobs_segment_counters CHECK (
    total_segments > 0
    AND done_segments >= 0 AND failed_segments >= 0 AND cancelled_segments >= 0
    AND done_segments + failed_segments + cancelled_segments <= total_segments)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The segments of a job, in input order by idx; results are written in place.
CREATE TABLE segments (
  job_id        CHAR(36)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  idx           INT          NOT NULL,
  source_text   MEDIUMTEXT   NOT NULL,
  -- SHA-256 of source_text: the translation memory's key.
  source_hash   CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  status        ENUM('PENDING', 'DONE', 'FAILED', 'CANCELLED') NOT NULL DEFAULT 'PENDING',
  translation   MEDIUMTEXT   NULL,
  -- The model version that produced the translation, as name:version.
  model_version VARCHAR(160) CHARACTER SET ascii COLLATE ascii_bin NULL,
  error         TEXT         NULL,
  attempts      INT          NOT NULL DEFAULT 0,
  updated_at    DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (job_id, idx),
  -- Cancel (PENDING -> CANCELLED) and per-job failure listings.
  KEY ix_segments_job_status (job_id, status),
  -- Sweeps across jobs, e.g. segments PENDING for too long.
  KEY ix_segments_status_updated (status, updated_at),
  CONSTRAINT fk_segments_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE,
  CONSTRAINT ck_segments_idx CHECK (idx >= 0),
  CONSTRAINT ck_segments_done_has_result CHECK (
    status <> 'DONE' OR (translation IS NOT NULL AND model_version IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Transactional outbox: written in the transaction that accepts a job, published to Kafka by a
-- relay (SELECT ... WHERE published_at IS NULL ORDER BY id ... FOR UPDATE SKIP LOCKED), so an
-- accepted job's messages survive a Kafka outage or an API crash between commit and publish.
CREATE TABLE outbox (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  aggregate_id  CHAR(36)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  topic         VARCHAR(249) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  message_key   VARCHAR(255) NULL,
  -- The exact JSON to publish. LONGTEXT rather than JSON: MySQL's JSON type re-serialises
  -- documents, and the relay must send the bytes the API wrote.
  payload       LONGTEXT     NOT NULL,
  created_at    DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  published_at  DATETIME(6)  NULL,
  attempts      INT          NOT NULL DEFAULT 0,
  last_error    TEXT         NULL,
  PRIMARY KEY (id),
  -- Unpublished rows (published_at IS NULL) come first, in id order; also serves the purge of
  -- published rows by age.
  KEY ix_outbox_unpublished (published_at, id),
  -- Cancelling a job drops its unpublished messages.
  KEY ix_outbox_aggregate (aggregate_id),
  CONSTRAINT ck_outbox_payload_json CHECK (JSON_VALID(payload))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Translations already produced, so identical segments are translated once per model version.
CREATE TABLE translation_memory (
  source_hash   CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- e.g. de-en (LanguagePair.toString())
  lang_pair     VARCHAR(5)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  model_version VARCHAR(160) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- Kept beside the hash to rule out collisions on lookup and to feed retraining.
  source_text   MEDIUMTEXT   NOT NULL,
  translation   MEDIUMTEXT   NOT NULL,
  hits          BIGINT       NOT NULL DEFAULT 0,
  created_at    DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (source_hash, lang_pair, model_version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The model registry. A version is registered as CANDIDATE after its evaluation gate; promotion
-- and rollback change state (and publish an event on model.events).
CREATE TABLE model_versions (
  name           VARCHAR(100)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  version        VARCHAR(50)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- VARCHAR, not CHAR: MariaDB refuses a CHAR column in the generated column below (its value
  -- would depend on the PAD_CHAR_TO_FULL_LENGTH SQL mode).
  lang_pair      VARCHAR(5)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- Where the bundle directory lives (file path or URI).
  uri            VARCHAR(1000) NOT NULL,
  -- SHA-256 of the bundle's model.json, which lists the checksum of every other file.
  checksum       CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- e.g. {"testSet": "...", "bleu": 12.3, "chrf": 40.1}
  metrics        JSON          NULL,
  state          ENUM('CANDIDATE', 'CANARY', 'ACTIVE', 'RETIRED') NOT NULL DEFAULT 'CANDIDATE',
  canary_percent TINYINT UNSIGNED NOT NULL DEFAULT 0,
  created_at     DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  promoted_at    DATETIME(6)   NULL,
  -- lang_pair while ACTIVE, else NULL: the unique key below then allows at most one ACTIVE
  -- version per language pair (MySQL has no partial indexes; NULLs never collide).
  active_lang_pair VARCHAR(5)  CHARACTER SET ascii COLLATE ascii_bin
                   AS (CASE WHEN state = 'ACTIVE' THEN lang_pair END) STORED,
  PRIMARY KEY (name, version),
  UNIQUE KEY uk_model_versions_one_active (active_lang_pair),
  KEY ix_model_versions_pair_state (lang_pair, state),
  CONSTRAINT ck_model_versions_canary CHECK (canary_percent <= 100)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
