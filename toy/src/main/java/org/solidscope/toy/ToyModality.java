package org.solidscope.toy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.solidscope.core.InputException;
import org.solidscope.core.Provenance;
import org.solidscope.core.record.AnalysisRecord;
import org.solidscope.core.record.Metric;
import org.solidscope.core.record.Modality;
import org.solidscope.core.record.RecordArray;
import org.solidscope.core.record.Sidecars;
import org.solidscope.core.record.Source;
import org.solidscope.core.record.Specification;
import org.solidscope.core.record.Verdict;
import org.solidscope.io.Npy;

/**
 * A modality that exists to prove the record needs nothing of a modality but this interface: a {@code .toy} file is a
 * first line {@code toy ROWS COLS} and ROWS lines of COLS numbers, a map at 1 mm pitch. Its one setting, {@code gain},
 * multiplies every value; its metrics are {@code toy.mean} and {@code toy.max}; its array {@code field} is drawn on a
 * 0–10 scale. Registered by one line in {@code META-INF/services}; it ships in no product.
 */
public final class ToyModality implements Modality {
    public static final String ID = "toy";
    static final Pattern NAME = Pattern.compile("^(?<cell>.+?)_(?<state>[a-z]+(_\\d+)?)\\.toy$");
    static final SortedSet<String> METRICS = new TreeSet<>(List.of("mean", "max"));

    private final double gain;
    private final Specification.Section section;

    public ToyModality() {
        this(1, null);
    }

    private ToyModality(double gain, Specification.Section section) {
        this.gain = gain;
        this.section = section;
    }

    @Override
    public String id() { return ID; }

    @Override
    public boolean recognises(Source source) {
        return source.name().endsWith(".toy");
    }

    @Override
    public Identity identify(Source source, Map<String, String> hints) {
        return Sidecars.identify(source, hints, NAME);
    }

    @Override
    public Analysed analyse(Source source, Identity identity) {
        List<String> lines;
        try {
            lines = Files.readAllLines(source.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] head = lines.isEmpty() ? new String[0] : lines.get(0).trim().split("\\s+");
        if (head.length != 3 || !head[0].equals("toy")) throw new InputException(source.shown(), "header", "toy ROWS COLS", lines.isEmpty() ? "nothing" : lines.get(0));
        int rows = Integer.parseInt(head[1]), cols = Integer.parseInt(head[2]);
        if (lines.size() != rows + 1) throw new InputException(source.shown(), "rows", String.valueOf(rows), String.valueOf(lines.size() - 1));
        float[] v = new float[rows * cols];
        double sum = 0, max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            String[] f = lines.get(r + 1).trim().split("\\s+");
            if (f.length != cols) throw new InputException(source.shown(), "line " + (r + 2), cols + " numbers", f.length + "");
            for (int c = 0; c < cols; c++) {
                double x = gain * Double.parseDouble(f[c]);
                v[r * cols + c] = (float) x;
                sum += x;
                max = Math.max(max, x);
            }
        }
        List<Metric> m = List.of(Metric.of("toy.mean", sum / v.length, "1"), Metric.of("toy.max", max, "1"));
        List<RecordArray> arrays = List.of(new RecordArray("field", "map", "float32", new int[] {rows, cols}, "1", 1.0, null, Npy.encode2D(rows, cols, v)));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("gain", gain);
        AnalysisRecord a = new AnalysisRecord(ID, Provenance.of("toy.read/1", params, Map.of(source.name(), source.checksum())), m, arrays, List.of(),
                null, null, new ArrayList<>());
        return new Analysed("toy", Map.of("rows", rows, "cols", cols), null, a, Double.NaN, Double.NaN);
    }

    @Override
    public Modality configured(Specification spec) {
        Specification.Section s = spec.section(ID, ID + ".", METRICS, Set.of("gain"));
        return new ToyModality(s.setting("gain", 1, spec.source()), s);
    }

    @Override
    public Map<String, Object> defaultSpecification() {
        return Map.of(ID, Map.of("rules", List.of(Map.of("metric", "mean", "fail_above", 5.0))));
    }


    @Override
    public Specification.Section section() { return section; }

    @Override
    public String mapArray() { return "field"; }

    @Override
    public Rendering rendering(String array) {
        return array.equals("field") ? new Rendering(0, 10, "CIVIDIS", "toy field", "field (1)") : null;
    }
}
