-- Analyses of a cell drawn from several of its measurements (an ultrasonic stage comparison): no single
-- measurement, the cell they belong to, and the measurements they read.
ALTER TABLE analysis ALTER COLUMN measurement_id DROP NOT NULL;
ALTER TABLE analysis ADD COLUMN cell_id VARCHAR(200);
ALTER TABLE analysis ADD CONSTRAINT analysis_of_cell FOREIGN KEY (cell_id) REFERENCES cell (id);
CREATE INDEX analysis_by_cell ON analysis (cell_id, pipeline, id);
CREATE TABLE analysis_input (
    analysis_id BIGINT NOT NULL REFERENCES analysis (id),
    measurement_id BIGINT NOT NULL REFERENCES measurement (id),
    PRIMARY KEY (analysis_id, measurement_id)
);
