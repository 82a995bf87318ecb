package org.solidscope.catalog.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Each cell's current verdict per state and overall on its own row. Filled for the cells already recorded by the last
 * migration that changes what the summary holds ({@link V9__verdicts_of_every_modality}): the summary is computed by the
 * code of today, which reads columns later migrations add.
 */
public final class V4__cell_summary extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("ALTER TABLE cell ADD COLUMN verdict VARCHAR(10)");
            s.execute("ALTER TABLE cell ADD COLUMN state_verdicts VARCHAR(2000)");
            s.execute("CREATE INDEX cell_by_lot_verdict ON cell (lot_id, verdict, id)");
        }
    }
}
