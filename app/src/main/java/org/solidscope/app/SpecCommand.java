package org.solidscope.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.solidscope.core.record.Modality;
import org.solidscope.workflow.ModalityRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "spec", mixinStandardHelpOptions = true, subcommands = {SpecCommand.Default.class, SpecCommand.Check.class},
        description = {"Specifications: the shipped default (every modality's part), and a check of a file against every modality."})
final class SpecCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public void run() {
        cmd.commandLine().usage(cmd.commandLine().getOut());
    }

    @Command(name = "default", mixinStandardHelpOptions = true, description = "Print the default specification (JSON), to copy and edit.",
            footer = {"", "Example:", "  solidscope spec default > my-spec.json"})
    static final class Default implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec cmd;

        @Override
        public Integer call() {
            cmd.commandLine().getOut().println(ModalityRegistry.standard().spec().json());
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check a specification as ingest, reanalyze and rejudge read it (complete or refused) and say which",
                    "modalities it judges; a modality without its part is not judged."},
            footer = {"", "Example:", "  solidscope spec check my-spec.json"})
    static final class Check implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec cmd;

        @Parameters(index = "0", paramLabel = "FILE", description = "specification (JSON)")
        Path file;

        @Override
        public Integer call() {
            ModalityRegistry r = ModalityRegistry.loadOrDefault(file);
            cmd.commandLine().getOut().printf("%s: '%s' (sha256 %s)%n", file, r.spec().name(), r.spec().fingerprint());
            for (Modality m : r.all()) {
                cmd.commandLine().getOut().printf("  %-11s %s%n", m.id(), m.specificationName() == null ? "not judged (no rules for it)" : "judged");
            }
            return 0;
        }
    }
}
