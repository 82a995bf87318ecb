package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.Json;
import org.solidscope.io.Npy;

class CtCliTest {
    @TempDir
    Path dir;

    @Test
    void phantomMedianThresholdLabelAndBadInput() throws Exception {
        Path v = dir.resolve("v.npy"), m = dir.resolve("m.npy"), k = dir.resolve("k.npy"), l = dir.resolve("l.npy");
        assertEquals(0, CliTest.run("ct", "phantom", "--size", "40", "--out", v.toString()).code());
        assertEquals(0, CliTest.run("ct", "median", v.toString(), "--out", m.toString()).code());
        Path tj = dir.resolve("t.json"), lj = dir.resolve("l.json");
        assertEquals(0, CliTest.run("ct", "threshold", v.toString(), "--out", k.toString(), "--json", tj.toString()).code());
        double fg = Json.mapper().readTree(tj.toFile()).get("foreground_fraction").asDouble();
        assertEquals(0.65, fg, 0.005, "the solid phase of a 35 % porous phantom");
        assertEquals(0, CliTest.run("ct", "label", k.toString(), "--out", l.toString(), "--json", lj.toString()).code());
        // the same components as the library's labelling of the written mask (itself checked against a voxel union-find)
        int[] shape = new int[3];
        byte[][] mk = Npy.readVolumeU8(k, shape);
        int expected = org.solidscope.tomo.Labeling3D.label(new org.solidscope.tomo.Mask3(shape[2], shape[1], shape[0], mk), 26).components().size();
        assertEquals(expected, Json.mapper().readTree(lj.toFile()).get("labels").asInt());
        assertTrue(expected >= 1);
        assertTrue(Json.mapper().readTree(lj.toFile()).has("elapsed_ms"));
        Path go = dir.resolve("go.npy"), bo = dir.resolve("bo.npy");
        assertEquals(0, CliTest.run("ct", "open", m.toString(), "--ball", "2", "--out", go.toString()).code());
        assertEquals(0, CliTest.run("ct", "open", k.toString(), "--cube", "1", "--out", bo.toString()).code());
        assertEquals("u1", Npy.readHeader(bo).type(), "a mask stays a mask");
        Path rj = dir.resolve("r.json");
        assertEquals(0, CliTest.run("ct", "interface", k.toString(), "--voxel-um", "0.65", "--out", dir.resolve("h.npy").toString(), "--json", rj.toString()).code());
        assertTrue(Json.mapper().readTree(rj.toFile()).get("rq_um").asDouble() > 0);
        CliTest.assertBadInput(dir.resolve("o5"), "voxel size", "ct", "interface", k.toString(), "--voxel-um", "0", "--json", dir.resolve("o5/r.json").toString());
        CliTest.assertBadInput(dir.resolve("o4"), "--ball/--cube", "ct", "open", k.toString(), "--ball", "2", "--cube", "2", "--out", dir.resolve("o4/x.npy").toString());
        // bad input: exit 2, nothing written
        Npy.write2D(dir.resolve("flat.npy"), 3, 4, new float[12]);
        CliTest.assertBadInput(dir.resolve("o1"), "expected 3 dimensions", "ct", "median", dir.resolve("flat.npy").toString(), "--out", dir.resolve("o1/x.npy").toString());
        CliTest.assertBadInput(dir.resolve("o2"), "connectivity", "ct", "label", k.toString(), "--connectivity", "7", "--out", dir.resolve("o2/x.npy").toString());
        CliTest.assertBadInput(dir.resolve("o3"), "extension", "ct", "median", v.toString(), "--out", dir.resolve("o3/x.png").toString());
    }
}
