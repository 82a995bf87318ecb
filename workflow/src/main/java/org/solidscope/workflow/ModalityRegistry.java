package org.solidscope.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solidscope.core.InputException;
import org.solidscope.core.record.Modality;
import org.solidscope.core.record.Sidecars;
import org.solidscope.core.record.Source;
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
        // the order decides nothing (forFile takes the strongest claim): a cycler run claims tables naming time, voltage and
        // current by their content, impedance the tables naming frequency and impedance, ultrasound any other CSV by its name
        return new ModalityRegistry(List.of(
                new org.solidscope.echem.cycling.CyclingModality(org.solidscope.echem.cycling.CyclingModality.Settings.defaults()),
                new org.solidscope.echem.EisModality(org.solidscope.echem.EisModality.Settings.defaults()),
                new UltrasoundModality(spec),
                // XCS spectra cubes are .npy files as CT volumes are: their sidecar's energy axis claims them, and CT gives way
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

    /**
     * The modality whose claim on a file is the strongest, or null when none claims it. Two claims of the same strength
     * are refused naming both, unless the file's sidecar names one of them ({@code "modality": "eis"}): the order of
     * registration decides nothing.
     */
    public Modality forFile(Source source) {
        Modality.Claim best = Modality.Claim.NONE;
        List<Modality> claimants = new ArrayList<>();
        for (Modality m : byId.values()) {
            Modality.Claim c = m.claim(source);
            if (c == Modality.Claim.NONE || c.compareTo(best) < 0) continue;
            if (c.compareTo(best) > 0) claimants.clear();
            best = c;
            claimants.add(m);
        }
        if (claimants.size() <= 1) return claimants.isEmpty() ? null : claimants.get(0);
        JsonNode side = Sidecars.read(source); // a sidecar that is not JSON is refused naming it
        String named = side != null && side.hasNonNull("modality") ? side.get("modality").asText() : null;
        for (Modality m : claimants) if (m.id().equals(named)) return m;
        List<String> ids = claimants.stream().map(Modality::id).sorted().toList();
        throw new InputException(source.shown(), "modality", "a file one modality claims (a sidecar with \"modality\": \"" + ids.get(0)
                + "\" decides)", "claimed " + (best == Modality.Claim.BY_NAME ? "by its name" : "by its content") + " by " + String.join(" and ", ids));
    }
}
