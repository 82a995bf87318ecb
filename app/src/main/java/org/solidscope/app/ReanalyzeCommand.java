package org.solidscope.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.solidscope.workflow.ModalityRegistry;
import org.solidscope.workflow.Reanalyze;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reanalyze", mixinStandardHelpOptions = true,
        description = "Analyse a lot's stored measurements of every modality again (e.g. with a new specification); earlier analyses are kept, the new ones become current.",
        footer = {"", "Example:", "  solidscope reanalyze --lot demo-lot --spec strict-spec.json"})
final class ReanalyzeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Option(names = "--lot", required = true)
    String lot;

    @Option(names = "--spec", description = "inspection specification (JSON); default: the shipped one")
    Path specFile;

    @Option(names = "--modality", description = "only measurements of this modality (ultrasound, ct); default: all")
    String modality;

    @Mixin
    CatalogOptions where;

    @Override
    public Integer call() {
        ModalityRegistry modalities = ModalityRegistry.loadOrDefault(specFile);
        var spec = modalities.spec();
        if (modality != null) modalities.byId("--modality", modality);
        Reanalyze.Result r = new Reanalyze(where.open(), modalities).run(lot, modality, new ConsoleProgress("reanalyze"));
        cmd.commandLine().getOut().printf("lot %s: %d measurements re-analysed with '%s' (%d analyses added, %d stored by an identical earlier run), "
                + "%d comparisons added; earlier analyses kept%n", lot, r.measurements(), spec.name(), r.added(), r.alreadyStored(), r.comparisonsAdded());
        return 0;
    }
}
