-- A job's segments are now the sentences of its texts (long sentences cut into bounded parts), not
-- the texts themselves: work is routed and batched by size, and a long text no longer travels as one
-- unit. Each segment names the text it belongs to and how it joins the piece before it, so results
-- reassemble into the caller's texts with their line structure. Rows written before this migration
-- were one segment per text, which the defaults below describe exactly.
ALTER TABLE segments
  ADD COLUMN text_idx    INT NULL AFTER idx,
  -- Line breaks between the previous segment of the same text and this one; 0 = same line, joined
  -- by a space (and always 0 for a text's first segment).
  ADD COLUMN line_breaks INT NOT NULL DEFAULT 0 AFTER text_idx;
UPDATE segments SET text_idx = idx;
ALTER TABLE segments
  MODIFY text_idx INT NOT NULL,
  ADD CONSTRAINT ck_segments_text_idx CHECK (text_idx >= 0 AND text_idx <= idx AND line_breaks >= 0);

ALTER TABLE jobs ADD COLUMN total_texts INT NULL AFTER total_segments;
UPDATE jobs SET total_texts = total_segments;
ALTER TABLE jobs
  MODIFY total_texts INT NOT NULL,
  ADD CONSTRAINT ck_jobs_total_texts CHECK (total_texts > 0 AND total_texts <= total_segments);
