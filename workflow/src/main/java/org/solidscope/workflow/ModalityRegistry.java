package org.solidscope.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.core.record.AnalysisRecord;
import org.solidscope.core.record.Metric;
import org.solidscope.core.record.Modality;
import org.solidscope.core.record.Sidecars;
import org.solidscope.core.record.Source;
import org.solidscope.core.record.Specification;
import org.solidscope.core.record.Verdict;

/**
 * The modalities the record knows, each configured by one specification. A modality module registers itself with one
 * line ({@code META-INF/services/org.solidscope.core.record.Modality}); the workflow, the catalog, the server, the
 * exporter and the fleet jobs know modalities only through {@link Modality} and name none.
 */
public final class ModalityRegistry {
    /** The name of the specification the modalities' default parts make together. */
    public static final String DEFAULT_SPEC_NAME = "SolidScope default specification";

    private final Map<String, Modality> byId = new LinkedHashMap<>();
    private final Specification spec;

    /** These modalities judged by the default specification their parts make. */
    public ModalityRegistry(List<Modality> modalities) {
        this(modalities, null);
    }

    /**
     * These modalities, each configured by its part of {@code spec} (null: their default parts). The specification is
     * complete or refused: a root key no modality reads is refused naming the keys they do.
     */
    public ModalityRegistry(List<Modality> modalities, Specification spec) {
        Specification s = spec != null ? spec : defaultSpecification(modalities);
        Set<String> known = new TreeSet<>(List.of("spec_version", "name"));
        for (Modality m : modalities) known.addAll(m.specificationKeys());
        s.onlyKnownRootKeys(known);
        for (Modality m : modalities) {
            if (byId.put(m.id(), m.configured(s)) != null) throw new IllegalArgumentException("modality " + m.id() + " registered twice");
        }
        if (spec != null && !byId.isEmpty() && byId.values().stream().allMatch(m -> m.specificationName() == null)) {
            // a file that judges nothing is one cut short or the wrong file, not a choice
            throw new InputException(s.source(), "rules", "rules for at least one modality (ultrasound's under \"rules\", every other's under its id)", "none");
        }
        this.spec = s;
    }

    /** Every installed modality (found on the class path), in the order of their ids. */
    public static List<Modality> installed() {
        List<Modality> all = new ArrayList<>();
        ServiceLoader.load(Modality.class, ModalityRegistry.class.getClassLoader()).forEach(all::add);
        all.sort(Comparator.comparing(Modality::id));
        return all;
    }

    /** Every installed modality, configured by {@code spec} (null: the default specification). */
    public static ModalityRegistry standard(Specification spec) {
        return new ModalityRegistry(installed(), spec);
    }

    public static ModalityRegistry standard() {
        return standard(null);
    }

    /** Every installed modality configured by the specification in {@code file}, or by the default when it is null. */
    public static ModalityRegistry loadOrDefault(Path file) {
        return standard(file == null ? null : Specification.load(file));
    }

    /** The default specification: every modality's default part, under {@link #DEFAULT_SPEC_NAME}. */
    public static Specification defaultSpecification(List<Modality> modalities) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("spec_version", 1);
        root.put("name", DEFAULT_SPEC_NAME);
        for (Modality m : modalities) root.putAll(new TreeMap<>(m.defaultSpecification()));
        return Specification.of(Json.mapper().valueToTree(root), "default specification");
    }

    public List<Modality> all() { return List.copyOf(byId.values()); }

    /** The specification every modality here is configured by. */
    public Specification spec() { return spec; }

    /** The registered modality of this class (a command of one modality asks for its own), or null. */
    public <T extends Modality> T find(Class<T> type) {
        for (Modality m : byId.values()) if (type.isInstance(m)) return type.cast(m);
        return null;
    }

    /** The modality of this id; throws naming the source when there is none. */
    public Modality byId(String source, String id) {
        Modality m = byId.get(id);
        if (m == null) throw new InputException(source, "modality", "one of " + byId.keySet(), "'" + id + "'");
        return m;
    }

    /**
     * An analysis with its verdict under this registry's specification, judged by its modality from its metrics (the same
     * judgement as a re-judge of the stored metrics); without a verdict and a specification's name when it is not judged.
     */
    public AnalysisRecord judged(String modality, String state, AnalysisRecord a) {
        Modality m = byId("record", modality);
        Verdict v = m.judge(state, a.pipeline(), metricValues(a.metrics()));
        return new AnalysisRecord(a.modality(), a.provenance(), a.metrics(), a.arrays(), a.features(), v == null ? null : m.specificationName(), v, a.notes());
    }

    /** Metric values by name, NaN kept (a missing number is judged as missing). */
    public static Map<String, Double> metricValues(List<Metric> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Metric m : metrics) out.put(m.name(), m.value());
        return out;
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
