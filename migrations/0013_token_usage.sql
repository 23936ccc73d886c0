-- Model tokens spent per UTC day by each member and each server, for the daily budgets
-- (MODEL_DAILY_TOKENS_PER_MEMBER / _PER_SERVER). Shared by every process of the bot, kept two
-- days, and a member's rows go with their data.
CREATE TABLE token_usage (
  day    TEXT NOT NULL,
  scope  TEXT NOT NULL CHECK (scope IN ('member', 'server')),
  id     TEXT NOT NULL,
  tokens INTEGER NOT NULL,
  PRIMARY KEY (day, scope, id)
) STRICT;
