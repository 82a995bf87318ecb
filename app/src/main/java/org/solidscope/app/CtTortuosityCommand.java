package org.solidscope.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.core.InputException;
import org.solidscope.io.VolumeData;
import org.solidscope.io.VolumeIO;
import org.solidscope.tomo.Mask3;
import org.solidscope.tomo.transport.Tortuosity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ct tortuosity}: τ and D_eff of a segmented phase, TauFactor's convention and criterion. */
@Command(name = "tortuosity", mixinStandardHelpOptions = true,
        description = {"Tortuosity factor τ and effective diffusivity D_eff = D·ε/τ of a phase (steady-state diffusion, fixed",
                "concentrations on the two faces across the axis, sealed sides). The phase: non-zero voxels of a mask, or --phase V."},
        footer = {"", "Examples:", "  solidscope ct tortuosity pores.npy --axis z --json tau.json",
                "  solidscope ct tortuosity labels.tif --phase 2 --axis all --flux-out flux.npy"})
final class CtTortuosityCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "segmented volume (" + VolumeIO.FORMATS + ")") String in;
    @Option(names = "--phase", description = "the voxel value of the conducting phase (default: every non-zero voxel)") Integer phaseValue;
    @Option(names = "--axis", defaultValue = "z", description = "x, y, z (z = the first array axis) or all (default ${DEFAULT-VALUE})") String axis;
    @Option(names = "--diffusivity", defaultValue = "1", description = "bulk diffusivity D of the phase (default ${DEFAULT-VALUE}); D_eff is in its unit") double diffusivity;
    @Option(names = "--flux-spread", defaultValue = "0.01", description = "converged when (max − min)/max of the layer fluxes is below this (default ${DEFAULT-VALUE}, as TauFactor)") double spread;
    @Option(names = "--tau-change", defaultValue = "0.002", description = "… and τ changed less than this between checks (default ${DEFAULT-VALUE}, as TauFactor)") double tauChange;
    @Option(names = "--max-iterations", defaultValue = "100000") int maxIterations;
    @Option(names = {"--out", "--flux-out"}, description = "local flux along the (first) axis, float32 volume (.npy, .tif, .raw)") Path fluxOut;
    @Option(names = "--json") Path json;

    @Override
    public Integer call() {
        if (fluxOut != null) VolumeIO.checkWritable(fluxOut, "--flux-out");
        List<Tortuosity.Axis> axes = new ArrayList<>();
        switch (axis.toLowerCase(Locale.ROOT)) {
            case "x" -> axes.add(Tortuosity.Axis.X);
            case "y" -> axes.add(Tortuosity.Axis.Y);
            case "z" -> axes.add(Tortuosity.Axis.Z);
            case "all" -> axes.addAll(List.of(Tortuosity.Axis.Z, Tortuosity.Axis.Y, Tortuosity.Axis.X));
            default -> throw new InputException("--axis", "axis", "x, y, z or all", "'" + axis + "'");
        }
        InputException.requirePositive("--diffusivity", "diffusivity", diffusivity);
        InputException.requirePositive("--flux-spread", "flux spread", spread);
        InputException.requirePositive("--tau-change", "tau change", tauChange);
        VolumeData v = VolumeIO.read(in);
        Mask3 m = CtVolumes.phase(v, phaseValue);
        long count = m.count();
        if (count == 0) {
            throw new InputException(in, "phase", "at least one voxel of the phase" + (phaseValue == null ? " (non-zero)" : " = " + phaseValue), "none (empty phase)");
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("input", in);
        j.put("phase", phaseValue == null ? "non-zero" : phaseValue);
        j.put("shape", new int[] {v.nz(), v.ny(), v.nx()});
        j.put("convention", "D_eff = D * eps / tau (TauFactor); fixed faces half a voxel outside the volume");
        j.put("convergence", Map.of("flux_spread", spread, "tau_change", tauChange, "check_every", Tortuosity.CHECK_EVERY));
        List<Map<String, Object>> results = new ArrayList<>();
        double totalMs = 0;
        Tortuosity.Result first = null;
        for (Tortuosity.Axis a : axes) {
            long t0 = System.nanoTime();
            Tortuosity.Result r = Tortuosity.solve(m, new Tortuosity.Settings(a, spread, tauChange, maxIterations),
                    new ConsoleProgress("tortuosity " + a.name().toLowerCase(Locale.ROOT)));
            double ms = (System.nanoTime() - t0) / 1e6;
            totalMs += ms;
            if (first == null) first = r;
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("axis", a.name().toLowerCase(Locale.ROOT));
            e.put("percolates", r.percolates());
            e.put("tau", r.percolates() ? r.tau() : null);
            e.put("d_eff", diffusivity * r.relativeDiffusivity());
            e.put("d_eff_over_d", r.relativeDiffusivity());
            e.put("volume_fraction", r.volumeFraction());
            e.put("percolating_fraction", r.percolatingFraction());
            e.put("iterations", r.iterations());
            e.put("converged", r.converged());
            e.put("flux_spread", r.fluxSpread());
            e.put("flux_profile", r.fluxProfile());
            e.put("elapsed_ms", ms);
            results.add(e);
            if (!r.percolates()) {
                Main.out().printf("%s: the phase does not connect the two faces: tau = infinity, D_eff = 0 (volume fraction %.4f)%n",
                        a.name().toLowerCase(Locale.ROOT), r.volumeFraction());
            } else {
                Main.out().printf("%s: tau %.4f, D_eff/D %.5f, volume fraction %.4f (%.1f %% of it percolates); %d iterations, %s, %.0f ms%n",
                        a.name().toLowerCase(Locale.ROOT), r.tau(), r.relativeDiffusivity(), r.volumeFraction(), 100 * r.percolatingFraction(),
                        r.iterations(), r.converged() ? "converged" : "NOT converged", ms);
            }
        }
        j.put("results", results);
        j.put("elapsed_ms", totalMs);
        j.put("threads", Runtime.getRuntime().availableProcessors());
        if (fluxOut != null) writeFlux(first, axes.get(0), v);
        CtCommand.json(json, j);
        return 0;
    }

    /** The local flux along the axis, back in the volume's own [z][y·x] layout. */
    private void writeFlux(Tortuosity.Result r, Tortuosity.Axis a, VolumeData v) {
        Tortuosity.Field f = r.field();
        float[][] out = new float[v.nz()][v.ny() * v.nx()];
        for (int z = 0; z < v.nz(); z++) for (int y = 0; y < v.ny(); y++) for (int x = 0; x < v.nx(); x++) {
            out[z][y * v.nx() + x] = switch (a) {
                case Z -> f.axialFlux(z, y, x);
                case Y -> f.axialFlux(y, z, x);
                case X -> f.axialFlux(x, z, y);
            };
        }
        VolumeIO.write(fluxOut, new VolumeData(v.nz(), v.ny(), v.nx(), out, v.voxelUm()));
    }
}
