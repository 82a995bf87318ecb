package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output never replaces an input, and a command that fails leaves none of its outputs. */
class OutputSafetyCliTest {
    @TempDir
    static Path dir;
    static Path scan;

    @BeforeAll
    static void simulate() {
        assertEquals(0, CliTest.run("ut", "simulate", "--cell", "battery-3", "--stage", "infiltration", "--out", dir.resolve("scans").toString()).code());
        scan = dir.resolve("scans").resolve("battery-3_infiltration.csv");
    }

    static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anOutputThatIsTheInputIsRefusedAndTheInputKept() throws IOException {
        Path work = Files.createDirectories(dir.resolve("same"));
        Path tiny = work.resolve("tiny.csv");
        Files.copy(scan, tiny);
        byte[] before = Files.readAllBytes(tiny);
        CliTest.Run r = CliTest.run("ut", "analyze", tiny.toString(), "--stage", "formation", "--levels", tiny.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("the input file itself"), r.err());
        assertArrayEquals(before, Files.readAllBytes(tiny), "the scan is unchanged");
        assertEquals(List.of("tiny.csv"), names(work), "no temporary left");

        // the specification, which ut analyze reads on another thread, is an input too
        Path spec = work.resolve("spec.json");
        try (var in = org.solidscope.ultrasound.InspectionSpec.class.getResourceAsStream("default-spec.json")) {
            Files.write(spec, in.readAllBytes());
        }
        byte[] specBefore = Files.readAllBytes(spec);
        CliTest.Run s = CliTest.run("ut", "analyze", tiny.toString(), "--stage", "formation", "--spec", spec.toString(), "--json", spec.toString());
        assertEquals(2, s.code(), s.out() + s.err());
        assertTrue(s.err().contains("the input file itself"), s.err());
        assertArrayEquals(specBefore, Files.readAllBytes(spec), "the specification is unchanged");
        Files.delete(spec);

        // the same file through a symbolic link
        Path link = work.resolve("link.csv");
        Files.createSymbolicLink(link, tiny.getFileName());
        r = CliTest.run("ut", "analyze", tiny.toString(), "--stage", "formation", "--json", link.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertArrayEquals(before, Files.readAllBytes(tiny));
        assertEquals(List.of("link.csv", "tiny.csv"), names(work));
    }

    @Test
    void aFailedReportLeavesNoEarlierOutput() throws IOException {
        Path work = Files.createDirectories(dir.resolve("partial"));
        Path blocker = work.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        CliTest.Run r = CliTest.run("ut", "analyze", scan.toString(), "--stage", "infiltration", "--json", work.resolve("a.json").toString(),
                "--levels", work.resolve("levels.tif").toString(), "--report", blocker.resolve("a.html").toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("a.html"), r.err());
        assertEquals(List.of("not-a-dir"), names(work), "neither a.json nor the levels written before the report failed");
    }

    @Test
    void aFailedCtPipelineLeavesNoFiles() throws IOException {
        Path work = Files.createDirectories(dir.resolve("ct"));
        Path vol = work.resolve("cell.npy");
        assertEquals(0, CliTest.run("ct", "phantom", "--kind", "cell", "--size", "32", "--out", vol.toString()).code());
        Path ws = work.resolve("ws");
        assertEquals(0, CliTest.run("ct", "pipeline", vol.toString(), "--voxel-um", "0.65", "--out-dir", work.resolve("r1").toString(),
                "--store", "--lot", "L1", "--cell", "c-1", "--state", "pristine", "--workspace", ws.toString()).code());
        // the same cell under another lot is refused after the report was computed: nothing of it stays
        CliTest.Run r = CliTest.run("ct", "pipeline", vol.toString(), "--voxel-um", "0.65", "--out-dir", work.resolve("r2").toString(),
                "--store", "--lot", "L2", "--cell", "c-1", "--state", "formation", "--workspace", ws.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("L1") && r.err().contains("L2"), r.err());
        assertFalse(Files.exists(work.resolve("r2")) && names(work.resolve("r2")).size() > 0, "no report files of the refused run");
    }

    @Test
    void outputsGetTheUsersPermissionsNotOwnerOnly() throws IOException {
        Path json = dir.resolve("perm.json");
        assertEquals(0, CliTest.run("ut", "analyze", scan.toString(), "--stage", "infiltration", "--json", json.toString()).code());
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(json);
        // a temporary-file API would give rw------- whatever the umask; the usual umask 022 gives rw-r--r--
        assertTrue(p.contains(PosixFilePermission.OWNER_READ) && p.contains(PosixFilePermission.OWNER_WRITE));
        Path probe = Files.createFile(dir.resolve("probe"));
        assertEquals(Files.getPosixFilePermissions(probe), p, "the same permissions as any new file of this process");
    }
}
