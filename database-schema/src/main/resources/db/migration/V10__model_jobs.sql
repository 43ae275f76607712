-- Model refreshes and retrainings that ML engineers launch through the job launcher. Each runs as a
-- Kubernetes Job (or a local process) of the batch runner, like a corpus batch, with the same retry
-- semantics; its Spring Batch state lives in the BATCH_* tables, its progress and outcome here.
CREATE TABLE model_jobs (
  -- refresh-... or retrain-...: it names the Kubernetes Job and labels its pods.
  id            VARCHAR(42)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  kind          ENUM('REFRESH', 'RETRAIN') NOT NULL,
  api_key_id    BIGINT        NOT NULL,
  launched_by   VARCHAR(100)  NOT NULL,
  -- The launch request as accepted (validated), JSON.
  request       TEXT          NOT NULL,
  executor      ENUM('LOCAL', 'KUBERNETES') NOT NULL,
  -- REJECTED: the job ran to its end and its gate refused the model, which was not registered.
  status        ENUM('QUEUED', 'RUNNING', 'SUCCEEDED', 'REJECTED', 'FAILED', 'CANCELLED')
                              NOT NULL DEFAULT 'QUEUED',
  -- The step running now: fetch, evaluate, gate, register, roll out; or collect, train.
  phase         VARCHAR(40)   NULL,
  -- The latest progress report, JSON: training step, loss, tokens/s, ETA; evaluation progress.
  progress      TEXT          NULL,
  -- What came out, JSON: scores of candidate and active version, the gate's verdict, the rollout.
  result        TEXT          NULL,
  -- The version the job registered, once it has.
  model_id      VARCHAR(160)  CHARACTER SET ascii COLLATE ascii_bin NULL,
  reason        TEXT          NULL,
  attempts      INT           NOT NULL DEFAULT 0,
  created_at    DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at    DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  started_at    DATETIME(6)   NULL,
  finished_at   DATETIME(6)   NULL,
  PRIMARY KEY (id),
  KEY ix_model_jobs_created (created_at, id),
  KEY ix_model_jobs_status (status),
  CONSTRAINT fk_model_jobs_api_key FOREIGN KEY (api_key_id) REFERENCES api_keys (id),
  CONSTRAINT ck_model_jobs_request_json CHECK (JSON_VALID(request)),
  CONSTRAINT ck_model_jobs_progress_json CHECK (progress IS NULL OR JSON_VALID(progress)),
  CONSTRAINT ck_model_jobs_result_json CHECK (result IS NULL OR JSON_VALID(result))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
