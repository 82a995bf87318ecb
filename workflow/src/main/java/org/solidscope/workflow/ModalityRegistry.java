package org.solidscope.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solidscope.core.InputException;
import org.solidscope.core.record.Modality;
import org.solidscope.tomo.pipeline.CtModality;
import org.solidscope.ultrasound.InspectionSpec;
import org.solidscope.ultrasound.UltrasoundModality;

/**
 * The modalities the record knows. Adding one is one line in {@link #standard}: the catalog, the
 * server, the exporter and the reports do not change.
 */
public final class ModalityRegistry {
    private final Map<String, Modality> byId = new LinkedHashMap<>();
    private final InspectionSpec spec;

    public ModalityRegistry(List<Modality> modalities) {
        this(modalities, InspectionSpec.defaults());
    }

    /** @param spec the ultrasonic specification, which also judges stage comparisons */
    public ModalityRegistry(List<Modality> modalities, InspectionSpec spec) {
        this.spec = spec;
        for (Modality m : modalities) {
            if (byId.put(m.id(), m) != null) throw new IllegalArgumentException("modality " + m.id() + " registered twice");
        }
    }

    /** Every modality, ultrasound judged against {@code spec}. */
    public static ModalityRegistry standard(InspectionSpec spec) {
        // cycler runs first: they claim only tables naming time, voltage and current without a frequency, so impedance keeps
        // its .mpt/.mpr files; impedance next: it claims only the CSVs whose header names frequency and impedance; ultrasound
        // takes the other CSVs
        return new ModalityRegistry(List.of(
                new org.solidscope.echem.cycling.CyclingModality(org.solidscope.echem.cycling.CyclingModality.Settings.defaults()),
                new org.solidscope.echem.EisModality(org.solidscope.echem.EisModality.Settings.defaults()),
                new UltrasoundModality(spec),
                // XCS spectra cubes are .npy files as CT volumes are: they are claimed by their sidecar ("modality": "xcs") first
                new org.solidscope.xcs.XcsModality(),
                new CtModality(CtModality.Settings.defaults())), spec);
    }

    public static ModalityRegistry standard() {
        return standard(InspectionSpec.defaults());
    }

    public List<Modality> all() { return List.copyOf(byId.values()); }

    public InspectionSpec spec() { return spec; }

    /** The modality of this id; throws naming the source when there is none. */
    public Modality byId(String source, String id) {
        Modality m = byId.get(id);
        if (m == null) throw new InputException(source, "modality", "one of " + byId.keySet(), "'" + id + "'");
        return m;
    }

    /** The first modality that recognises a file, or null. */
    public Modality forFile(org.solidscope.core.record.Source source) {
        for (Modality m : byId.values()) if (m.recognises(source)) return m;
        return null;
    }
}
