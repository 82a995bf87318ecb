package org.solidscope.ultrasound.sim;

import org.solidscope.ultrasound.acoustics.CellState;
import org.solidscope.ultrasound.acoustics.GapTable;
import org.solidscope.ultrasound.acoustics.LayerStack;
import org.solidscope.ultrasound.acoustics.StackFile;
import org.solidscope.ultrasound.acoustics.TransferMatrix;

/**
 * The simulator's transmission from the multilayer acoustic model: a cell point transmits
 * matrix × |t_s(d)|/|t_s(0)|, with |t_s(d)| the transfer-matrix transmission of the solidified stack
 * with a gas gap d at its gap site. The stage matrix levels themselves come from the same model
 * ({@link #stageAmplitude}): infiltrated, solidified and formed stacks relative to the coupling path.
 */
public final class LayerModelTransmission implements TransmissionModel {
    /** Gas thicker than this is a bubble, not a planar gap: opaque. */
    public static final double OPAQUE_GAP_UM = 20;

    private static LayerModelTransmission standard;

    private final LayerStack stack;
    private final double frequencyMHz;
    private final GapTable gaps;

    public LayerModelTransmission(LayerStack stack, double frequencyMHz) {
        this.stack = stack;
        this.frequencyMHz = frequencyMHz;
        this.gaps = new GapTable(TransferMatrix.compile(stack, CellState.solidified(0), frequencyMHz), OPAQUE_GAP_UM);
    }

    /** The shipped 49-layer pouch stack at 1 MHz (the seed's probes). */
    public static synchronized LayerModelTransmission standard() {
        if (standard == null) standard = new LayerModelTransmission(StackFile.shipped(), 1.0);
        return standard;
    }

    public LayerStack stack() { return stack; }

    public double frequencyMHz() { return frequencyMHz; }

    /** |t| of the stack in a state, relative to the coupling-fluid path (which transmits 1). */
    public double stageAmplitude(CellState state) {
        return TransferMatrix.evaluate(stack, state, frequencyMHz).amplitudeT();
    }

    @Override
    public double cellAmplitude(double matrixAmplitude, double gapUm) {
        return matrixAmplitude * gaps.amplitude(gapUm) / gaps.amplitudeWithoutGap();
    }

    @Override
    public String describe() {
        return "transfer-matrix model of '" + stack.name() + "' at " + frequencyMHz + " MHz; gas gaps at the stack's gap site, opaque from "
                + OPAQUE_GAP_UM + " µm";
    }
}
