package org.solidscope.design;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;

/**
 * The materials a cell design is made of, each value with its source ({@code design-materials.json}
 * in this package): electrolytes (density, shear modulus, fracture toughness), cathodes (specific
 * capacity, voltage, active fraction, composite density), lithium and the current collectors.
 */
public final class DesignMaterials {
    /** A solid electrolyte: density g/cm³, shear modulus GPa, fracture toughness MPa·m^½ (NaN where not known). */
    public record Electrolyte(String name, double densityGcm3, double shearModulusGpa, double kIcMpaM05, String source) {}

    /** A cathode active material with the composite it is cast in. */
    public record Cathode(String name, double specificCapacityMahG, double voltageV, double activeFraction, double compositeDensityGcm3, String source) {}

    /** Lithium metal: what the energy model and the dendrite criteria use. */
    public record Lithium(double densityGcm3, double specificCapacityMahG, double shearModulusGpa, double youngsModulusGpa,
                          double yieldStrengthMpa, double molarVolumeCm3Mol, double creepActivationKjMol, String source) {}

    private final Map<String, Electrolyte> electrolytes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Cathode> cathodes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Lithium lithium;
    private final double aluminiumDensity, copperDensity;

    private static final DesignMaterials SHIPPED = load();

    public static DesignMaterials shipped() { return SHIPPED; }

    private DesignMaterials(JsonNode root) {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("electrolytes").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode v = e.getValue();
            electrolytes.put(e.getKey(), new Electrolyte(e.getKey(), v.get("density_g_cm3").asDouble(), v.get("shear_modulus_gpa").asDouble(),
                    v.get("k_ic_mpa_m05").isNull() ? Double.NaN : v.get("k_ic_mpa_m05").asDouble(), v.get("source").asText()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("cathodes").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode v = e.getValue();
            cathodes.put(e.getKey(), new Cathode(e.getKey(), v.get("specific_capacity_mah_g").asDouble(), v.get("voltage_v").asDouble(),
                    v.get("active_fraction").asDouble(), v.get("composite_density_g_cm3").asDouble(), v.get("source").asText()));
        }
        JsonNode li = root.get("lithium");
        lithium = new Lithium(li.get("density_g_cm3").asDouble(), li.get("specific_capacity_mah_g").asDouble(), li.get("shear_modulus_gpa").asDouble(),
                li.get("youngs_modulus_gpa").asDouble(), li.get("yield_strength_mpa").asDouble(), li.get("molar_volume_cm3_mol").asDouble(),
                li.get("creep_activation_kj_mol").asDouble(), li.get("source").asText());
        aluminiumDensity = root.get("collectors").get("Al").get("density_g_cm3").asDouble();
        copperDensity = root.get("collectors").get("Cu").get("density_g_cm3").asDouble();
    }

    private static DesignMaterials load() {
        try (InputStream in = DesignMaterials.class.getResourceAsStream("design-materials.json")) {
            return new DesignMaterials(Json.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("design materials missing from the build", e);
        }
    }

    /** The electrolyte of this name; an unknown one is bad input naming {@code src} and {@code field} and listing the known. */
    public Electrolyte electrolyte(String src, String field, String name) {
        Electrolyte e = electrolytes.get(name);
        if (e == null) throw new InputException(src, field, "one of " + electrolytes.keySet(), "'" + name + "'");
        return e;
    }

    public Cathode cathode(String src, String field, String name) {
        Cathode c = cathodes.get(name);
        if (c == null) throw new InputException(src, field, "one of " + cathodes.keySet(), "'" + name + "'");
        return c;
    }

    public java.util.Collection<Electrolyte> electrolytes() { return electrolytes.values(); }

    public java.util.Collection<Cathode> cathodes() { return cathodes.values(); }

    public Lithium lithium() { return lithium; }

    public double aluminiumDensityGcm3() { return aluminiumDensity; }

    public double copperDensityGcm3() { return copperDensity; }
}
