-- The model registry: every model version the pipeline knows, how it measured, where it came from,
-- and which version serves each language pair. The job launcher writes it (refresh, retrain,
-- promote, canary, rollback); the workers read the rollout of their language pair at start and
-- whenever an event on the compacted model.events topic says it changed; the submit API shows it.
-- It replaces V1's first sketch of model_versions, which nothing wrote.
DROP TABLE IF EXISTS model_versions;

CREATE TABLE model_versions (
  -- name@version, as every translated segment records it (segments.model_version).
  model_id        VARCHAR(160)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name            VARCHAR(80)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  version         VARCHAR(79)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  source_lang     CHAR(2)       CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  target_lang     CHAR(2)       CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- file: on a shared volume, or http(s); the directory that holds model.json and its files.
  bundle_uri      VARCHAR(2000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  -- SHA-256 of every file of the bundle, model.json included: {"model.json": "...", ...}.
  checksums       TEXT          NOT NULL,
  -- [{"testSet", "system", "sentences", "bleu", "chrf"}], the dictionary baseline where known.
  metrics         TEXT          NOT NULL,
  -- {"data": [...], "basedOn", "corrections", "steps", "minutes", ...}
  lineage         TEXT          NOT NULL,
  state           ENUM('CANDIDATE', 'CANARY', 'ACTIVE', 'RETIRED') NOT NULL,
  -- Share of the pair's segments the version serves while it is the canary.
  canary_percent  INT           NULL,
  -- The API key's name, or the component that registered it (the starter model).
  launched_by     VARCHAR(100)  NOT NULL,
  registered_at   DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  state_changed_at DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (model_id),
  UNIQUE KEY ux_model_versions_name_version (name, version),
  KEY ix_model_versions_pair_state (source_lang, target_lang, state),
  CONSTRAINT ck_model_versions_checksums_json CHECK (JSON_VALID(checksums)),
  CONSTRAINT ck_model_versions_metrics_json CHECK (JSON_VALID(metrics)),
  CONSTRAINT ck_model_versions_lineage_json CHECK (JSON_VALID(lineage)),
  -- A CHECK that evaluates to NULL passes: hence the explicit IS NOT NULL.
  CONSTRAINT ck_model_versions_canary CHECK (
    (state = 'CANARY' AND canary_percent IS NOT NULL AND canary_percent BETWEEN 1 AND 99)
    OR (state <> 'CANARY' AND canary_percent IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What serves each language pair now. Changed only under this row's lock, with a new revision and
-- a history row, in the transaction that writes the model.events message to the outbox.
CREATE TABLE model_rollouts (
  source_lang     CHAR(2)       CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  target_lang     CHAR(2)       CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  active_model    VARCHAR(160)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  canary_model    VARCHAR(160)  CHARACTER SET ascii COLLATE ascii_bin NULL,
  canary_percent  INT           NULL,
  revision        BIGINT        NOT NULL,
  updated_at      DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (source_lang, target_lang),
  CONSTRAINT fk_model_rollouts_active FOREIGN KEY (active_model) REFERENCES model_versions (model_id),
  CONSTRAINT fk_model_rollouts_canary FOREIGN KEY (canary_model) REFERENCES model_versions (model_id),
  CONSTRAINT ck_model_rollouts_canary CHECK (
    (canary_model IS NULL AND canary_percent IS NULL)
    OR (canary_model IS NOT NULL AND canary_percent IS NOT NULL AND canary_percent BETWEEN 1 AND 99))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every change of a rollout, newest revision last: the audit trail, and where a rollback finds the
-- version that was active before the current one.
CREATE TABLE model_rollout_history (
  source_lang     CHAR(2)       CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  target_lang     CHAR(2)       CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  revision        BIGINT        NOT NULL,
  action          ENUM('REGISTER_STARTER', 'PROMOTE', 'CANARY', 'END_CANARY', 'ROLLBACK') NOT NULL,
  active_model    VARCHAR(160)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  canary_model    VARCHAR(160)  CHARACTER SET ascii COLLATE ascii_bin NULL,
  canary_percent  INT           NULL,
  changed_by      VARCHAR(100)  NOT NULL,
  changed_at      DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (source_lang, target_lang, revision)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Keys that may change what serves everyone: launch refresh and retrain jobs, promote, start a
-- canary, roll back. Every key may list the registry.
ALTER TABLE api_keys ADD COLUMN can_manage_models BOOLEAN NOT NULL DEFAULT FALSE;
