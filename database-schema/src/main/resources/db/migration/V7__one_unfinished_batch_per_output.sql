-- Two unfinished batches must never write to the same output directory (they would share its work
-- files and overwrite each other's parts). The launcher stores outputs normalised (relative to the
-- output root, no "." or ".." or trailing "/"), and this key refuses a second unfinished batch with
-- the same one even when two launches race. MySQL has no partial indexes: the column holds the
-- output's hash while the batch is unfinished, else NULL, and NULLs never collide.
ALTER TABLE corpus_batches
  ADD COLUMN unfinished_output_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin
    AS (CASE WHEN status IN ('QUEUED', 'RUNNING') THEN SHA2(output, 256) END) STORED,
  ADD UNIQUE KEY uk_corpus_batches_unfinished_output (unfinished_output_hash);
