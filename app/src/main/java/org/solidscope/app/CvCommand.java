package org.solidscope.app;

import picocli.CommandLine.Command;

/** Voltammetry: the electrochemical stability window (the same command as {@code cycling window}). */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = "Voltammetry: the electrochemical stability window of a voltammogram.",
        subcommands = {CyclingCommand.Window.class},
        footer = {"", "Example:", "  solidscope cycling simulate --preset cv --out cv.csv && solidscope cv window cv.csv --area-cm2 1"})
final class CvCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Main.out());
    }
}
