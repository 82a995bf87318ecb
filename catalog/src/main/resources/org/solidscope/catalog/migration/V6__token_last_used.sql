-- When each token was last used, so that an administrator listing tokens sees which are idle.
ALTER TABLE api_token ADD COLUMN last_used_utc TIMESTAMP WITH TIME ZONE;
