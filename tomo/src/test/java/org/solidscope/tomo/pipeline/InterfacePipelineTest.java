package org.solidscope.tomo.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.solidscope.core.InputException;
import org.solidscope.core.Progress;
import org.solidscope.core.record.AnalysisRecord;
import org.solidscope.tomo.Phantoms;
import org.solidscope.tomo.Volume16;

/** The seed's CT chain as a library function: ground truth of the cell phantom, purity, and what it records. */
class InterfacePipelineTest {
    @Test
    void recoversThePhantomsInterfaceAndAnodeAndLeavesItsInputAlone() {
        double voxelUm = 0.65, amplitude = 3;
        int n = 64;
        Volume16 v = Phantoms.cell(n, n, n, amplitude, 0, 7).withVoxelUm(voxelUm);
        short[][] before = new short[n][];
        for (int z = 0; z < n; z++) before[z] = v.slices()[z].clone();
        InterfacePipeline.Result r = InterfacePipeline.run(v, InterfacePipeline.Settings.seed(), "phantom", Map.of(), Progress.NONE);
        // the surface z = 0.3 nz + A sin(2πx/λ) sin(2πy/λ) has Ra = 4A/π², Rq = A/2 (in voxels)
        assertEquals(4 * amplitude / (Math.PI * Math.PI) * voxelUm, r.roughness().ra(), 0.10 * 4 * amplitude / (Math.PI * Math.PI) * voxelUm);
        assertEquals(amplitude / 2 * voxelUm, r.roughness().rq(), 0.10 * amplitude / 2 * voxelUm);
        long truth = Phantoms.cellAnodeVoxels(n, n, n, amplitude, 0, 7);
        assertEquals(truth, r.anodeVoxels(), 0.015 * truth, "anode voxels within 1.5 % of the phantom's");
        assertEquals(r.anodeVoxels() * voxelUm * voxelUm * voxelUm, r.anodeVolumeUm3(), 1e-9);
        for (int z = 0; z < n; z++) assertArrayEquals(before[z], v.slices()[z], "input slice " + z + " unchanged");
        // the same input and settings give the same result, bit for bit
        InterfacePipeline.Result again = InterfacePipeline.run(v, InterfacePipeline.Settings.seed(), "phantom", Map.of(), Progress.NONE);
        assertEquals(r.roughness().ra(), again.roughness().ra(), 0);
        assertEquals(r.threshold(), again.threshold());
        // the record carries the metrics with units and the arrays with their shapes
        AnalysisRecord rec = CtModality.record(r, null);
        assertEquals("ct", rec.modality());
        assertEquals(r.roughness().ra(), rec.metric("ct.ra_um").value(), 0);
        assertEquals("µm", rec.metric("ct.ra_um").unit());
        assertEquals("µm³", rec.metric("ct.anode_volume_um3").unit());
        assertArrayEquals(new int[] {n, n}, rec.arrays().stream().filter(a -> a.name().equals("height")).findFirst().orElseThrow().shape());
        assertTrue(rec.arrays().stream().anyMatch(a -> a.name().equals("anode_xz") && a.kind().equals("mask")));
    }

    @Test
    void anEmptyPhaseIsBadInputNamingTheSource() {
        // all zero: nothing lies above any threshold, so the bright side is empty
        Volume16 flat = Volume16.zeros(16, 16, 16, 1.0);
        InputException e = assertThrows(InputException.class,
                () -> InterfacePipeline.run(flat, new InterfacePipeline.Settings(1, false), "flat.npy", Map.of(), Progress.NONE));
        assertTrue(e.getMessage().startsWith("flat.npy: phase"), e.getMessage());
        assertThrows(InputException.class, () -> new InterfacePipeline.Settings(0, true));
    }
}
