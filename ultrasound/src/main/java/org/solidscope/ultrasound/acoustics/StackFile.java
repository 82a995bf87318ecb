package org.solidscope.ultrasound.acoustics;

import org.solidscope.core.AtomicOutput;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.core.materials.AcousticMaterial;
import org.solidscope.core.materials.MaterialLibrary;

/**
 * Reads layer stacks from JSON (format in the README, "Layer stacks"). Units are part of every key
 * ({@code thickness_um}, {@code density_kg_m3}, …); a key without its unit is refused, not guessed.
 */
public final class StackFile {
    private StackFile() {}

    public static final String DEFAULT = "pouch-cell-49.json";

    /** The shipped 49-layer pouch-cell stack. */
    public static LayerStack shipped() {
        try (InputStream in = StackFile.class.getResourceAsStream(DEFAULT)) {
            return parse(Json.mapper().readTree(in), DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException("default stack missing from the build", e);
        }
    }

    public static LayerStack load(Path file) {
        AtomicOutput.noteInput(file);
        String src = file.toString();
        if (!Files.exists(file)) throw new InputException(src, "file", "an existing stack file", "no such file");
        try {
            return parse(Json.mapper().readTree(file.toFile()), src);
        } catch (IOException e) {
            throw new InputException(src, "json", "valid JSON", Json.describe(e), e);
        }
    }

    static LayerStack parse(JsonNode root, String src) {
        if (root == null || !root.isObject()) throw new InputException(src, "root", "a JSON object", String.valueOf(root));
        JsonNode v = root.get("stack_version");
        if (v == null || v.asInt(-1) != 1) throw new InputException(src, "stack_version", "1", v == null ? "missing" : v.toString());
        MaterialLibrary lib = MaterialLibrary.shipped().with(root.get("materials"), src);
        String coupling = root.path("coupling").asText("silicone_oil");
        AcousticMaterial in = lib.get(src, "incident", root.path("incident").asText(coupling));
        AcousticMaterial out = lib.get(src, "transmitted", root.path("transmitted").asText(coupling));
        JsonNode layers = root.get("layers");
        if (layers == null || !layers.isArray()) throw new InputException(src, "layers", "an array of layers", layers == null ? "missing" : layers.toString());
        List<Layer> list = new ArrayList<>();
        addLayers(layers, "layers", src, lib, list, 0);
        return new LayerStack(root.path("name").asText("unnamed stack"), in, out, list, lib, src);
    }

    /** A pouch cell has tens of layers and a wound cell a few thousand; more is a mistake or an attack. */
    static final int MAX_LAYERS = 100_000;

    /** Layers an array expands to, saturating above {@link #MAX_LAYERS} so that counting stays cheap. */
    private static long countLayers(JsonNode arr, String src, String path, int depth) {
        if (depth > 4) throw new InputException(src, path, "repeats nested at most 4 deep", "deeper");
        long n = 0;
        for (JsonNode e : arr) {
            if (e.isObject() && e.has("repeat") && e.get("repeat").canConvertToInt() && e.path("layers").isArray()) {
                n += Math.max(0, e.get("repeat").asInt()) * countLayers(e.get("layers"), src, path, depth + 1);
            } else {
                n++;
            }
            if (n > MAX_LAYERS) return MAX_LAYERS + 1L;
        }
        return n;
    }

    private static void addLayers(JsonNode arr, String path, String src, MaterialLibrary lib, List<Layer> out, int depth) {
        if (depth > 4) throw new InputException(src, path, "repeats nested at most 4 deep", "deeper");
        for (int i = 0; i < arr.size(); i++) {
            JsonNode e = arr.get(i);
            String p = path + "[" + i + "]";
            if (!e.isObject()) throw new InputException(src, p, "a layer object", e.toString());
            if (e.has("repeat")) {
                JsonNode r = e.get("repeat");
                if (!r.canConvertToInt() || !r.isIntegralNumber() || r.asInt() < 1) throw new InputException(src, p + ".repeat", "an integer ≥ 1", r.toString());
                JsonNode inner = e.get("layers");
                if (inner == null || !inner.isArray()) throw new InputException(src, p + ".layers", "an array of layers to repeat", String.valueOf(inner));
                // bound the expansion before doing it: nested repeats multiply (1000 × 1000 × … from a few hundred bytes)
                long total = (long) out.size() + (long) r.asInt() * countLayers(inner, src, p + ".layers", depth + 1);
                if (total > MAX_LAYERS) {
                    throw new InputException(src, p + ".repeat", "a stack of at most " + MAX_LAYERS + " layers in all", total + " layers");
                }
                for (int k = 0; k < r.asInt(); k++) addLayers(inner, p + ".layers", src, lib, out, depth + 1);
                continue;
            }
            double t = thickness(e, p, src);
            String label = e.path("label").asText("");
            boolean gap = e.path("gap_after").asBoolean(false);
            if (e.has("porous")) {
                JsonNode po = e.get("porous");
                AcousticMaterial sk = lib.get(src, p + ".porous.skeleton", po.path("skeleton").asText(""));
                JsonNode phi = po.get("porosity");
                if (phi == null || !phi.isNumber() || phi.asDouble() < 0 || phi.asDouble() >= 1) {
                    throw new InputException(src, p + ".porous.porosity", "a volume fraction in [0, 1)", String.valueOf(phi));
                }
                out.add(new Layer(label.isEmpty() ? sk.name() + " (porous)" : label, null, sk, phi.asDouble(), t, gap));
            } else if (e.has("material")) {
                AcousticMaterial m = lib.get(src, p + ".material", e.get("material").asText());
                out.add(new Layer(label.isEmpty() ? m.name() : label, m, null, 0, t, gap));
            } else if (e.has("density_kg_m3") || e.has("speed_m_s")) {
                String name = label.isEmpty() ? "layer " + p : label;
                JsonNode one = Json.mapper().createObjectNode().set(name, e);
                AcousticMaterial m = MaterialLibrary.shipped().with(one, src).get(src, p, name);
                out.add(new Layer(name, m, null, 0, t, gap));
            } else {
                throw new InputException(src, p, "\"material\", \"porous\" or explicit density_kg_m3/speed_m_s", e.toString());
            }
        }
    }

    private static double thickness(JsonNode e, String p, String src) {
        JsonNode t = e.get("thickness_um");
        if (t == null) {
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (k.startsWith("thickness")) {
                    throw new InputException(src, p + "." + k, "thickness_um (units are part of the key)", "'" + k + "' without µm");
                }
            }
            throw new InputException(src, p + ".thickness_um", "a thickness in µm", "missing");
        }
        if (!t.isNumber() || !(t.asDouble() >= 0)) throw new InputException(src, p + ".thickness_um", "a number ≥ 0", t.toString());
        return t.asDouble();
    }
}
