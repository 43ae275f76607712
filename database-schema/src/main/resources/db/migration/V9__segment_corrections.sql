-- Better translations that users submit for their own segments. A retrain job takes the ones no
-- model has used yet, holds a deterministic share of them out for evaluation, and records here
-- which model version it trained (or evaluated) with them.
CREATE TABLE segment_corrections (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  job_id          CHAR(36)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  segment_idx     INT           NOT NULL,
  api_key_id      BIGINT        NOT NULL,
  source_lang     CHAR(2)       CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  target_lang     CHAR(2)       CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- Copied from the segment, so a correction outlives its job's retention.
  source_text     MEDIUMTEXT    NOT NULL,
  -- What the model said, and which version said it.
  model_translation MEDIUMTEXT  NULL,
  model_version   VARCHAR(160)  CHARACTER SET ascii COLLATE ascii_bin NULL,
  corrected_text  MEDIUMTEXT    NOT NULL,
  created_at      DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  -- The model version whose retraining used it (for training or held out for its evaluation).
  used_by_model   VARCHAR(160)  CHARACTER SET ascii COLLATE ascii_bin NULL,
  held_out        BOOLEAN       NULL,
  PRIMARY KEY (id),
  -- One correction per segment: a later one replaces the earlier while no model has used it.
  UNIQUE KEY ux_segment_corrections_segment (job_id, segment_idx),
  KEY ix_segment_corrections_unused (source_lang, target_lang, used_by_model, id),
  CONSTRAINT fk_segment_corrections_api_key FOREIGN KEY (api_key_id) REFERENCES api_keys (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
