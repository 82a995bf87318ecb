package org.solidscope.design;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;

/**
 * A cell design as JSON. Every number carries its unit in its key ({@code loading_mg_cm2},
 * {@code electrolyte_um}); a key without one ({@code loading}) or unknown is refused. Missing keys take
 * the seed-003 parameters of {@link CellDesign#seed003}; cathode and electrolyte values come from the
 * library unless given.
 * <pre>
 * {"design_version": 1, "cathode": "NCM811", "loading_mg_cm2": 22, "electrolyte": "PEO:LLZO", "electrolyte_um": 100}
 * </pre>
 */
public final class DesignFile {
    private DesignFile() {}

    /** Key → what it means; the unit is the key's tail. */
    public static final Map<String, String> KEYS = new TreeMap<>(Map.ofEntries(
            Map.entry("design_version", "format version (1)"), Map.entry("name", "free text"),
            Map.entry("cathode", "cathode material of the library"), Map.entry("loading_mg_cm2", "active-material loading per cathode layer"),
            Map.entry("specific_capacity_mah_g", "overrides the library"), Map.entry("voltage_v", "overrides the library"),
            Map.entry("active_fraction", "active mass share of the composite cathode"), Map.entry("cathode_density_g_cm3", "composite cathode density"),
            Map.entry("electrolyte", "electrolyte material of the library"), Map.entry("electrolyte_um", "separator thickness"),
            Map.entry("electrolyte_density_g_cm3", "overrides the library"), Map.entry("np_ratio", "Li capacity / cathode capacity"),
            Map.entry("lithium_min_um", "thinnest Li layer"), Map.entry("aluminium_um", "Al foil (shared by two cathode layers)"),
            Map.entry("copper_um", "Cu foil (shared by two Li layers; 0: Li is its own collector)"),
            Map.entry("packaging_mass_fraction", "pouch, tabs and seals: share of the cell's mass"),
            Map.entry("packaging_volume_fraction", "pouch, tabs and seals: share of the cell's volume")));

    public static CellDesign load(Path file) {
        AtomicOutput.noteInput(file);
        if (!Files.exists(file)) throw new InputException(file.toString(), "file", "an existing design file", "no such file");
        try {
            return parse(Json.mapper().readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new InputException(file.toString(), "json", "valid JSON", Json.describe(e), e);
        }
    }

    public static CellDesign parse(JsonNode root, String src) {
        if (root == null || !root.isObject()) throw new InputException(src, "root", "a JSON object", String.valueOf(root));
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.containsKey(k)) {
                String withUnit = KEYS.keySet().stream().filter(x -> x.startsWith(k + "_")).findFirst().orElse(null);
                throw new InputException(src, k, withUnit != null ? withUnit + " (the unit is part of the key)" : "one of " + KEYS.keySet(),
                        "'" + k + "'");
            }
        }
        JsonNode v = root.get("design_version");
        if (v != null && v.asInt(-1) != 1) throw new InputException(src, "design_version", "1", v.toString());
        DesignMaterials lib = DesignMaterials.shipped();
        DesignMaterials.Cathode c = lib.cathode(src, "cathode", text(root, "cathode", "NCM811"));
        DesignMaterials.Electrolyte e = lib.electrolyte(src, "electrolyte", text(root, "electrolyte", "PEO:LLZO"));
        CellDesign base = CellDesign.seed003(c.name(), 22, e.name(), 100);
        try {
            return new CellDesign(c.name(), num(root, src, "specific_capacity_mah_g", c.specificCapacityMahG()), num(root, src, "voltage_v", c.voltageV()),
                    num(root, src, "active_fraction", c.activeFraction()), num(root, src, "cathode_density_g_cm3", c.compositeDensityGcm3()),
                    num(root, src, "loading_mg_cm2", base.loadingMgCm2()), e.name(), num(root, src, "electrolyte_density_g_cm3", e.densityGcm3()),
                    num(root, src, "electrolyte_um", base.electrolyteUm()), num(root, src, "np_ratio", base.npRatio()),
                    num(root, src, "lithium_min_um", base.lithiumMinUm()), num(root, src, "aluminium_um", base.aluminiumUm()),
                    num(root, src, "copper_um", base.copperUm()), num(root, src, "packaging_mass_fraction", base.packagingMassFraction()),
                    num(root, src, "packaging_volume_fraction", base.packagingVolumeFraction()));
        } catch (InputException ie) {
            // the record names the field; say which file it came from
            throw ie.source().equals("design") ? new InputException(src, ie.field(), ie.expected(), ie.found()) : ie;
        }
    }

    private static String text(JsonNode root, String key, String dflt) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? dflt : n.asText();
    }

    /** The largest magnitude a design's number may have in its own unit. */
    static final double MAX_VALUE = 1e6;

    private static double num(JsonNode root, String src, String key, double dflt) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) return dflt;
        if (!n.isNumber()) throw new InputException(src, key, "a number (unit: " + key.substring(key.lastIndexOf('_') + 1) + ")", n.toString());
        double x = n.asDouble();
        // every quantity of a design lies far below a million in its unit; past it the results leave double range (1e308 gave Infinity)
        if (!Double.isFinite(x) || Math.abs(x) > MAX_VALUE) {
            throw new InputException(src, key, "a finite number of magnitude up to " + (long) MAX_VALUE + " (unit: " + key.substring(key.lastIndexOf('_') + 1) + ")", n.toString());
        }
        return x;
    }
}
