-- A re-analysis names what it computed (measurement or cell, its inputs, the software version and the
-- specification's content) by a key; a re-run or a retried task that computes the same again finds the
-- key taken and adds nothing. Analyses stored before this column (and those of ingest) have none.
ALTER TABLE analysis ADD COLUMN run_key CHAR(64);
CREATE UNIQUE INDEX analysis_run_once ON analysis (run_key);
