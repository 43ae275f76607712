-- Per-key limits become optional overrides: NULL means "use the submit API's configured default"
-- (translation.api.limits.* in its application.yml). With NOT NULL columns every key froze the
-- defaults of the day it was created, so raising a default in configuration never reached existing
-- keys. The CHECK from V1 still holds for the values that are set (a CHECK on NULL passes).
ALTER TABLE api_keys
  MODIFY max_texts_per_request INT NULL,
  MODIFY max_chars_per_text    INT NULL,
  MODIFY requests_per_minute   INT NULL;
