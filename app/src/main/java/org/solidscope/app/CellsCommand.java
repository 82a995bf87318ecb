package org.solidscope.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cells", mixinStandardHelpOptions = true, description = "Cells in the record.",
        subcommands = {CellsCommand.ListCells.class, CellsCommand.Show.class},
        footer = {"", "Examples:", "  solidscope cells list --lot demo-lot --verdict FAIL", "  solidscope cells show battery-3 --json b3.json"})
final class CellsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Cells with their current verdict per stage and overall.")
    static final class ListCells implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

        @Option(names = "--lot", description = "only this lot")
        String lot;

        @Option(names = "--verdict", description = "only cells with this overall verdict: PASS | REVIEW | FAIL")
        String verdict;

        @Option(names = "--json", description = "print JSON instead of a table")
        boolean json;

        @Mixin
        CatalogOptions where;

        @Override
        public Integer call() {
            if (verdict != null && !List.of("PASS", "REVIEW", "FAIL").contains(verdict.toUpperCase())) {
                throw new InputException("--verdict", "verdict", "PASS, REVIEW or FAIL", verdict);
            }
            List<CatalogQueries.CellRow> rows = new CatalogQueries(where.open()).listCells(lot, verdict);
            if (json) {
                cmd.commandLine().getOut().println(Json.write(rows.stream().map(r -> Map.of("cell", r.cellId(), "lot", r.lot(), "stages", r.stageVerdicts(),
                        "verdict", String.valueOf(r.verdict()))).toList()));
            } else {
                cmd.commandLine().getOut().printf("%-16s %-14s %-8s %-15s %-15s %-15s%n", "cell", "lot", "verdict", "infiltration", "solidification", "formation");
                for (var r : rows) {
                    cmd.commandLine().getOut().printf("%-16s %-14s %-8s %-15s %-15s %-15s%n", r.cellId(), r.lot(), r.verdict(), r.stageVerdicts().getOrDefault("infiltration", "–"),
                            r.stageVerdicts().getOrDefault("solidification", "–"), r.stageVerdicts().getOrDefault("formation", "–"));
                }
                cmd.commandLine().getOut().println(rows.size() + " cells");
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One cell: stages, measurements, every analysis (history), defects, provenance.")
    static final class Show implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

        @Parameters(index = "0", paramLabel = "ID", description = "cell id")
        String id;

        @Option(names = "--json", description = "also write the JSON to this file")
        Path json;

        @Mixin
        CatalogOptions where;

        @Override
        public Integer call() {
            Map<String, Object> c = new CatalogQueries(where.open()).showCell(id);
            if (c == null) throw new InputException("cell id", "cell", "a cell in the record", "'" + id + "'");
            String text = Json.write(c);
            if (json != null) AtomicOutput.writeString(json, text);
            cmd.commandLine().getOut().println(text);
            return 0;
        }
    }
}
