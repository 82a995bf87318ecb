package org.solidscope.workflow.correlative;

import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.catalog.RecordWriter;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.InputException;
import org.solidscope.core.ScalarMap;
import org.solidscope.core.record.Modality;
import org.solidscope.io.Npy;
import org.solidscope.workflow.ModalityRegistry;

/**
 * Registers two stored measurements of one cell by their maps (each modality's {@link Modality#mapArray()}) and keeps
 * the transform in the record with its fit: the fixed map's mm to the moving map's. Where both maps say where they lie
 * in the cell's frame, that placement seeds the search.
 */
public final class Registrations {
    private final Catalog catalog;
    private final ModalityRegistry modalities;

    public Registrations(Catalog catalog, ModalityRegistry modalities) {
        this.catalog = catalog;
        this.modalities = modalities;
    }

    /** The registration found and stored, with its id in the record. */
    public record Stored(long id, RecordWriter.Registration registration, MapRegistration.Result result) {}

    public Stored register(long fixedId, long movingId, MapRegistration.Options options) {
        if (fixedId == movingId) throw new InputException("MOVING", "measurement", "a measurement other than the fixed one", String.valueOf(movingId));
        CatalogQueries q = new CatalogQueries(catalog);
        CatalogQueries.ArrayRef f = map(q, "FIXED", fixedId), m = map(q, "MOVING", movingId);
        if (!f.cellId().equals(m.cellId())) {
            throw new InputException("MOVING", "cell", "a measurement of the fixed one's cell (" + f.cellId() + ")", "cell " + m.cellId());
        }
        MapRegistration.Result r = MapRegistration.register(load(f), load(m), prior(f, m), options);
        var t = r.transform();
        RecordWriter.Registration reg = new RecordWriter.Registration(f.cellId(), fixedId, movingId, f.name(), m.name(), t.txMm(), t.tyMm(),
                t.rotationDeg(), t.scale(), t.pivotXMm(), t.pivotYMm(), r.ncc(), r.overlapFraction());
        return new Stored(new RecordWriter(catalog).addRegistration(reg), reg, r);
    }

    /** The measurement's map: its modality's map array, with its pitch; refused naming what is missing. */
    private CatalogQueries.ArrayRef map(CatalogQueries q, String option, long id) {
        String modality = q.measurementModality(id);
        if (modality == null) throw new InputException(option, "measurement", "a measurement in the record", String.valueOf(id));
        Modality mod = modalities.byId(option, modality);
        if (mod.mapArray() == null) throw new InputException(option, "map", "a measurement whose modality draws a map", modality + " draws none");
        CatalogQueries.ArrayRef ref = q.array(id, mod.mapArray());
        if (ref == null || ref.pitchMm() == null) throw new InputException(option, "map", "a stored " + mod.mapArray() + " map with its pitch", "none");
        return ref;
    }

    /** Where the two maps' cell frames place one on the other, or null when either map does not say where it lies. */
    static MapRegistration.Transform prior(CatalogQueries.ArrayRef f, CatalogQueries.ArrayRef m) {
        if (f.frame() == null || m.frame() == null || !f.frame().hasNonNull("origin_x_mm") || !m.frame().hasNonNull("origin_x_mm")) return null;
        return MapRegistration.fromFrames(f.frame().get("origin_x_mm").asDouble(), f.frame().get("origin_y_mm").asDouble(),
                f.frame().path("rotation_deg").asDouble(0), m.frame().get("origin_x_mm").asDouble(), m.frame().get("origin_y_mm").asDouble(),
                m.frame().path("rotation_deg").asDouble(0));
    }

    private ScalarMap load(CatalogQueries.ArrayRef ref) {
        Npy.Array2D a = Npy.read2D(catalog.arrays().path(ref.sha256()));
        return new ScalarMap(new GridGeometry(a.width(), a.height(), ref.pitchMm()), ref.unit(), a.values());
    }
}
