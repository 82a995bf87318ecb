package org.solidscope.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.workflow.ModalityRegistry;
import org.solidscope.workflow.Rejudge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "rejudge", mixinStandardHelpOptions = true,
        description = {"Judge a lot's stored metrics again under a specification, every modality by its own part of it, without",
                "analysing anything again: the verdicts change, the metrics and arrays stay, the verdicts replaced are kept."},
        footer = {"", "Example:", "  solidscope rejudge --lot demo-lot --spec strict-spec.json"})
final class RejudgeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Option(names = "--lot", required = true)
    String lot;

    @Option(names = "--spec", description = "specification (JSON); default: the shipped one (solidscope spec default prints it)")
    Path specFile;

    @Option(names = "--json", description = "print the result and the lot's cells as JSON")
    boolean json;

    @Mixin
    CatalogOptions where;

    @Override
    public Integer call() {
        ModalityRegistry modalities = ModalityRegistry.loadOrDefault(specFile);
        Catalog cat = where.open();
        CatalogQueries q = new CatalogQueries(cat);
        if (q.listCells(lot, null, java.util.List.of(), 0, 1).total() == 0) throw new InputException("--lot", "lot", "a lot in the record", "'" + lot + "'");
        Rejudge.Result r = new Rejudge(cat, modalities).run(lot);
        var cells = q.listCells(lot, null);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lot", lot);
            m.put("spec", modalities.spec().name());
            m.put("spec_sha256", modalities.spec().fingerprint());
            m.put("analyses", r.analyses());
            m.put("changed", r.changed());
            m.put("cells", CellsCommand.ListCells.rows(cells));
            cmd.commandLine().getOut().println(Json.write(m));
            return 0;
        }
        cmd.commandLine().getOut().printf("lot %s: %d analyses judged under '%s', %d verdicts changed (nothing analysed again; the verdicts replaced are kept)%n",
                lot, r.analyses(), modalities.spec().name(), r.changed());
        CellsCommand.ListCells.table(cmd.commandLine().getOut(), cells);
        return 0;
    }
}
