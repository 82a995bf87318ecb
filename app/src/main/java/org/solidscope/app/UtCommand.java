package org.solidscope.app;

import picocli.CommandLine.Command;

/** Ultrasonic C-scan inspection commands. */
@Command(name = "ut", mixinStandardHelpOptions = true,
        description = "Ultrasonic transmission C-scans of pouch cells: gating, analysis, stage comparison, simulation.",
        footer = {"", "Examples:",
                "  solidscope ut simulate --cell battery-2 --out scans/",
                "  solidscope ut analyze scans/battery-2_infiltration.csv --stage infiltration --json b2.json --report b2.html",
                "  solidscope ut compare --infiltrated scans/battery-2_infiltration.csv --solidified scans/battery-2_solidification.csv --json cmp.json",
                "  solidscope ut gate volume.npy --gate-us 15:12 --out cscan.csv --tof tof.npy --json gate.json"})
final class UtCommand implements Runnable {
    /** Its subcommands, in the order --help lists them; Main adds only the one a call names (see Main#commandLine). */
    static final Class<?>[] SUBCOMMANDS = {UtGateCommand.class, UtAnalyzeCommand.class, UtCompareCommand.class, UtGapMapCommand.class, UtSimulateCommand.class};

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Main.out());
    }
}
