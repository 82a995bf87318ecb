package org.solidscope.core.materials;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;

/**
 * Named acoustic materials. The shipped library ({@code acoustic-materials.json} in this package)
 * gives each value with its source; a stack file may add or override materials.
 */
public final class MaterialLibrary {
    private final Map<String, AcousticMaterial> byName;

    private MaterialLibrary(Map<String, AcousticMaterial> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static MaterialLibrary shipped() {
        try (InputStream in = MaterialLibrary.class.getResourceAsStream("acoustic-materials.json")) {
            return new MaterialLibrary(parse(Json.mapper().readTree(in), "acoustic-materials.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("material library missing from the build", e);
        }
    }

    /** This library plus the materials of a JSON object {@code {name: {density_kg_m3, speed_m_s, ...}}}. */
    public MaterialLibrary with(JsonNode materials, String source) {
        Map<String, AcousticMaterial> m = new LinkedHashMap<>(byName);
        m.putAll(parse(materials, source));
        return new MaterialLibrary(m);
    }

    static Map<String, AcousticMaterial> parse(JsonNode root, String src) {
        Map<String, AcousticMaterial> m = new LinkedHashMap<>();
        if (root == null || root.isNull() || root.isMissingNode()) return m;
        if (!root.isObject()) throw new InputException(src, "materials", "an object keyed by material name", root.toString());
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode e = root.get(name);
            String where = "materials." + name;
            m.put(name, new AcousticMaterial(name, number(e, src, where, "density_kg_m3"), number(e, src, where, "speed_m_s"),
                    e.has("attenuation_db_cm_mhz") ? number(e, src, where, "attenuation_db_cm_mhz") : 0,
                    e.path("source").asText("")));
        }
        return m;
    }

    private static double number(JsonNode e, String src, String where, String key) {
        JsonNode v = e.get(key);
        if (v == null || !v.isNumber()) {
            throw new InputException(src, where + "." + key, "a number (units are in the key name)", v == null ? "missing" : v.toString());
        }
        double d = v.asDouble();
        if (!(d >= 0) || (d == 0 && !key.startsWith("attenuation"))) {
            throw new InputException(src, where + "." + key, key.startsWith("attenuation") ? "a number ≥ 0" : "a number > 0", v.toString());
        }
        return d;
    }

    public AcousticMaterial get(String source, String field, String name) {
        AcousticMaterial m = byName.get(name);
        if (m == null) throw new InputException(source, field, "a known material (" + String.join(", ", names()) + ")", "'" + name + "'");
        return m;
    }

    public boolean has(String name) { return byName.containsKey(name); }

    public Set<String> names() { return new java.util.TreeSet<>(byName.keySet()); }
}
