package org.solidscope.echem.cycling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.InputException;

/** Gamry DTA curves, Excel workbooks and clock-time exports, written here, read back row for row and cycle for cycle. */
class CyclerReadersTest {
    @TempDir
    Path dir;

    private Path rateCsv() {
        Path f = dir.resolve("rate.csv");
        CyclingSimulator.write(CyclingSimulator.seed004Rate(), f);
        return f;
    }

    private static void sameCycles(List<CycleSummary.Cycle> a, List<CycleSummary.Cycle> b) {
        assertEquals(a.size(), b.size());
        for (int k = 0; k < a.size(); k++) {
            assertEquals(a.get(k).cycle(), b.get(k).cycle());
            assertEquals(a.get(k).chargeCapacityMah(), b.get(k).chargeCapacityMah(), 1e-12 * a.get(k).chargeCapacityMah());
            assertEquals(a.get(k).dischargeCapacityMah(), b.get(k).dischargeCapacityMah(), 1e-12 * a.get(k).dischargeCapacityMah());
            assertEquals(a.get(k).dischargeEnergyMwh(), b.get(k).dischargeEnergyMwh(), 1e-12 * a.get(k).dischargeEnergyMwh());
        }
    }

    @Test
    void gamryChargeCurvesReadBackCycleForCycle() throws IOException {
        Path csv = rateCsv();
        CyclerFiles.Run run = CyclerFiles.readAll(csv, null);
        // one CURVE table per cycle, at the rows where the CSV's Cycle_Index changes
        List<String> lines = Files.readAllLines(csv);
        List<Integer> starts = new ArrayList<>();
        String prev = null;
        for (int k = 1; k < lines.size(); k++) {
            String c = lines.get(k).split(",")[3];
            if (!c.equals(prev)) starts.add(k - 1);
            prev = c;
        }
        Path dta = Files.writeString(dir.resolve("charge.DTA"), GamryCurves.write("CHARGE", run, starts.stream().mapToInt(Integer::intValue).toArray(), 1));
        CyclerFiles.Summary s = CyclerFiles.summarise(dta, null, 1e-9);
        assertEquals("Gamry DTA", s.vendor());
        sameCycles(CyclerFiles.summarise(csv, null, 1e-9).result().cycles(), s.result().cycles());
        CyclerFiles.Run back = CyclerFiles.readAll(dta, null);
        for (int k = 0; k < run.size(); k += 97) {
            assertEquals(run.timeS()[k], back.timeS()[k], 0);
            assertEquals(run.voltageV()[k], back.voltageV()[k], 0);
            assertEquals(run.currentA()[k], back.currentA()[k], 0);
        }
    }

    @Test
    void gamryVoltammogramWithRestartingClocksGivesTheSameWindow() throws IOException {
        Path csv = Files.writeString(dir.resolve("cv.csv"), LimitSimulator.voltammogram(1, 0, 5, 0.1, 4.2, 1, 5));
        CyclerFiles.Run run = CyclerFiles.readAll(csv, null);
        int half = run.size() / 2;
        // the second sweep's table starts its clock again at zero, as Gamry's cycles may
        double[] t = run.timeS().clone();
        double shift = t[half];
        for (int k = half; k < t.length; k++) t[k] -= shift;
        String text = GamryCurves.write("CV", new CyclerFiles.Run("x", t, run.voltageV(), run.currentA()), new int[] {0, half}, 1).replace("\t4.2", "\t4,2");
        Path dta = Files.writeString(dir.resolve("cv.DTA"), text);
        CyclerFiles.Run back = CyclerFiles.readAll(dta, null);
        assertEquals(run.size(), back.size());
        for (int k = 1; k < back.size(); k++) assertTrue(back.timeS()[k] >= back.timeS()[k - 1], "time runs on at row " + k);
        assertEquals(StabilityWindow.find(run, 1, 1).onsetV(), StabilityWindow.find(back, 1, 1).onsetV(), 1e-12);
        assertEquals(4.2, StabilityWindow.find(back, 1, 1).onsetV(), 0.01);
        // an impedance DTA is not a curve file; a cut row is refused naming the line
        assertTrue(!GamryCurves.recognises("EXPLAIN\nTAG\tEISPOT\nZCURVE\tTABLE\n"));
        List<String> cut = new ArrayList<>(List.of(text.split("\n")));
        cut.set(20, cut.get(20).substring(0, 6));
        Path bad = Files.writeString(dir.resolve("cut.DTA"), String.join("\n", cut));
        InputException e = assertThrows(InputException.class, () -> CyclerFiles.readAll(bad, null));
        assertTrue(e.field().contains("line 21"), e.getMessage());
    }

    /** A workbook as Arbin exports it: a Global_Info sheet, then the channel's data with its header in shared strings. */
    static byte[] arbinXlsx(List<String> csvLines, boolean sparse) throws IOException {
        String[] header = csvLines.get(0).split(",");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            put(z, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            put(z, "xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                    + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                    + "<sheet name=\"Global_Info\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Channel_1-006\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>");
            put(z, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"worksheet\" Target=\"worksheets/sheet2.xml\"/>"
                    + "</Relationships>");
            StringBuilder ss = new StringBuilder("<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
            for (String h : header) ss.append("<si><t>").append(h).append("</t></si>");
            ss.append("<si><t>Test Name</t></si></sst>");
            put(z, "xl/sharedStrings.xml", ss.toString());
            put(z, "xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>" + header.length + "</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>seed004</t></is></c></row></sheetData></worksheet>");
            z.putNextEntry(new ZipEntry("xl/worksheets/sheet2.xml"));
            StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">");
            for (int c = 0; c < header.length; c++) b.append("<c r=\"").append((char) ('A' + c)).append("1\" t=\"s\"><v>").append(c).append("</v></c>");
            b.append("</row>");
            z.write(b.toString().getBytes(StandardCharsets.UTF_8));
            for (int r = 1; r < csvLines.size(); r++) {
                String[] p = csvLines.get(r).split(",");
                b.setLength(0);
                b.append("<row r=\"").append(r + 1).append("\">");
                for (int c = 0; c < p.length; c++) {
                    if (sparse && c == 0) continue; // Data_Point left out: the cells after it keep their columns by reference
                    b.append("<c r=\"").append((char) ('A' + c)).append(r + 1).append("\"><v>").append(p[c]).append("</v></c>");
                }
                z.write(b.append("</row>").toString().getBytes(StandardCharsets.UTF_8));
            }
            z.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream z, String name, String text) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }

    @Test
    void arbinWorkbooksReadBackCycleForCycle() throws IOException {
        Path csv = rateCsv();
        List<String> lines = Files.readAllLines(csv);
        for (boolean sparse : new boolean[] {false, true}) {
            Path x = Files.write(dir.resolve("rate" + sparse + ".xlsx"), arbinXlsx(lines, sparse));
            CyclerFiles.Summary s = CyclerFiles.summarise(x, null, 1e-9);
            assertEquals("Excel (Channel_1-006)", s.vendor());
            sameCycles(CyclerFiles.summarise(csv, null, 1e-9).result().cycles(), s.result().cycles());
            for (CycleSummary.Cycle c : s.result().cycles()) {
                assertEquals(c.instrumentDischargeCapacityMah(), c.dischargeCapacityMah(), 1e-5 * c.dischargeCapacityMah(), "integration = the instrument's column");
            }
            assertTrue(CyclerFiles.isCyclerFile(x));
        }
        byte[] whole = arbinXlsx(lines, false);
        Path cut = Files.write(dir.resolve("cut.xlsx"), java.util.Arrays.copyOf(whole, whole.length / 2));
        InputException e = assertThrows(InputException.class, () -> CyclerFiles.summarise(cut, null, 1e-9));
        assertTrue(e.getMessage().contains("cut.xlsx") && e.field().equals("workbook"), e.getMessage());
    }

    @Test
    void newareClockTimesAreSeconds() throws IOException {
        String neware = "Record ID,Cycle ID,Step ID,Total Time,Current(mA),Voltage(V)\n1,1,1,0:00:00,0,3.5\n1,1,1,0:00:09.999,0,3.5\n2,1,2,0:00:10,1,3.6\n"
                + "3,1,2,1:00:10,1,4.1\n4,1,3,1:00:20,-1,4.0\n5,1,3,2:00:20,-1,3.4\n";
        CycleSummary.Cycle c = CyclerFiles.summarise(Files.writeString(dir.resolve("neware.csv"), neware), null, 1e-9).result().cycles().get(0);
        assertEquals(1.0, c.chargeCapacityMah(), 1e-6, "an hour at 1 mA (and half of the 1 ms step edge)");
        assertEquals(1.0, c.dischargeCapacityMah(), 1e-6);
        assertEquals(7220, c.durationS(), 1e-9);
    }

    @Test
    void aWorkbookWhoseSharedStringsInflatePastTheirBoundIsRefused() throws IOException {
        // a small archive whose shared strings inflate to more than 128 MiB: refused as it inflates, naming the part
        Path x = dir.resolve("bomb.xlsx");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(x))) {
            z.putNextEntry(new java.util.zip.ZipEntry("xl/workbook.xml"));
            z.write("<workbook><sheets><sheet name=\"s\"/></sheets></workbook>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new java.util.zip.ZipEntry("xl/sharedStrings.xml"));
            z.write("<sst><si><t>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] a = new byte[1 << 20];
            java.util.Arrays.fill(a, (byte) 'a');
            for (int k = 0; k < 130; k++) z.write(a);
            z.write("</t></si></sst>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.closeEntry();
        }
        assertTrue(Files.size(x) < 2_000_000, "a small file: " + Files.size(x));
        org.solidscope.core.InputException e = org.junit.jupiter.api.Assertions.assertThrows(org.solidscope.core.InputException.class,
                () -> CyclerFiles.summarise(x, null, 1e-9));
        assertTrue(e.getMessage().contains("sharedStrings") && e.getMessage().contains("128 MiB"), e.getMessage());
    }
}
