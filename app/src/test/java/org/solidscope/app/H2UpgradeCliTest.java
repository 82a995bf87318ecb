package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.catalog.ApiTokens;
import org.solidscope.catalog.Catalog;

/**
 * A workspace written by the embedded H2 engine before its upgrade (2.2.224, the fixture {@code fixture-h2-2.2.224}, one
 * file of each modality) opens in today's engine with nothing lost: the export of its lot is the export made before,
 * byte for byte (beside the columns an export has gained since); every blob reads as its checksum; the token made then still authorises; and it takes a new
 * measurement and opens again.
 */
class H2UpgradeCliTest {
    @TempDir
    Path dir;

    @Test
    void aWorkspaceOfTheFormerEngineOpensWithNothingLost() throws Exception {
        Path fixture = Path.of("src/test/resources/fixture-h2-2.2.224"), ws = dir.resolve("ws");
        copy(fixture.resolve("workspace"), ws);
        Path after = dir.resolve("after.csv");
        CliTest.Run r = CliTest.run("export", "--lot", "fx-lot", "--workspace", ws.toString(), "--out", after.toString(), "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(fixture.resolve("export-before.csv")), withoutColumns(Files.readString(after), Set.of("modality_verdict", "cell_verdict")),
                "the export made before, beside the cell's verdicts an export has carried since");
        try (Catalog c = Catalog.openWorkspace(ws)) {
            Set<String> referenced = c.referencedBlobs();
            assertEquals(referenced, c.arrays().all(), "every blob referenced, none lost");
            for (String sha : referenced) c.arrays().get(sha); // verified against its checksum
            assertTrue(new ApiTokens(c).check("ss_vPW_ardzNt1RGA-MbAa6ZM4fkm2RggiE2J8QFkrAZRQ") != null, "the token made before authorises");
        }
        // it takes new measurements in the new engine and opens again
        Path in = Files.createDirectories(dir.resolve("in"));
        assertEquals(0, CliTest.run("eis", "simulate", "--circuit", "R0-p(R1,C1)", "--parameters", "5,50,1e-6", "--out", in.resolve("fx-5_formation.csv").toString()).code());
        r = CliTest.run("ingest", in.toString(), "--lot", "fx-lot", "--workspace", ws.toString());
        assertEquals(0, r.code(), r.err());
        r = CliTest.run("export", "--lot", "fx-lot", "--workspace", ws.toString(), "--out", dir.resolve("again.csv").toString(), "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertEquals(7, Files.readAllLines(dir.resolve("again.csv")).size(), "a header and six measurements");
    }

    /** A CSV without the named columns (the fixture's values hold no commas). */
    static String withoutColumns(String csv, Set<String> drop) {
        String[] lines = csv.split("\n", -1);
        java.util.List<Integer> keep = new java.util.ArrayList<>();
        String[] head = lines[0].split(",", -1);
        for (int i = 0; i < head.length; i++) if (!drop.contains(head[i])) keep.add(i);
        StringBuilder b = new StringBuilder();
        for (int l = 0; l < lines.length; l++) {
            if (lines[l].isEmpty()) {
                if (l < lines.length - 1) b.append('\n');
                continue;
            }
            String[] v = lines[l].split(",", -1);
            b.append(String.join(",", keep.stream().map(i -> v[i]).toList()));
            if (l < lines.length - 1) b.append('\n');
        }
        return b.toString();
    }

    static void copy(Path from, Path to) throws java.io.IOException {
        try (var w = Files.walk(from)) {
            for (Path p : (Iterable<Path>) w::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
