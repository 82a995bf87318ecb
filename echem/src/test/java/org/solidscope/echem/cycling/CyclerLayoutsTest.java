package org.solidscope.echem.cycling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.InputException;

/**
 * The variants each vendor's layout allows, written here from the layout: one charge of 1 mAh (1 mA for an hour) and one
 * discharge of 1 mAh, read back the same whatever the variant; and the variants that cannot be read without a guess, refused
 * naming the column and the option that settles it.
 */
class CyclerLayoutsTest {
    @TempDir Path dir;

    private CycleSummary.Cycle one(String name, String text, String mapping) throws IOException {
        Path f = Files.writeString(dir.resolve(name), text);
        CycleSummary.Result r = CyclerFiles.summarise(f, mapping, 1e-9).result();
        assertEquals(1, r.cycles().size(), name);
        CycleSummary.Cycle c = r.cycles().get(0);
        assertEquals(1.0, c.chargeCapacityMah(), 1e-9, name + " charge");
        assertEquals(1.0, c.dischargeCapacityMah(), 1e-9, name + " discharge");
        return c;
    }

    /** Rows of t (in the unit asked), I (mA, signed or not), V, and a per-step counter (mAh), a mode letter. */
    private static String rows(String sep, double timeScale, boolean signed, String[] mode, boolean clock) {
        double[][] r = {{0, 0, 3.5, 0}, {10, 0, 3.5, 0}, {10, 1, 3.6, 0}, {3610, 1, 4.1, 1}, {3610, -1, 4.0, 0}, {7210, -1, 3.4, 1}};
        StringBuilder b = new StringBuilder();
        String[] modes = {mode[0], mode[0], mode[1], mode[1], mode[2], mode[2]};
        for (int k = 0; k < r.length; k++) {
            double i = signed ? r[k][1] : Math.abs(r[k][1]);
            String t = clock ? String.format("%dd %02d:%02d:%05.2f", (int) (r[k][0] / 86400), (int) (r[k][0] / 3600) % 24, (int) (r[k][0] / 60) % 60,
                    r[k][0] % 60) : String.valueOf(r[k][0] / timeScale);
            b.append(k + 1).append(sep).append(t).append(sep).append(i / 1000).append(sep).append(r[k][2]).append(sep).append(modes[k]).append(sep)
                    .append(r[k][3] / 1000).append('\n');
        }
        return b.toString();
    }

    private static final String[] MACCOR = {"R", "C", "D"};

    @Test
    void maccorVariants() throws IOException {
        String pre = "Today's Date 12/07/2026  Date of Test:\t12/01/2026\n";
        // seconds by name, tab; unsigned current signed by State; Amp-hr per step
        CycleSummary.Cycle c = one("a.034", pre + "Rec#\tTest (Sec)\tAmps\tVolts\tState\tAmp-hr\n" + rows("\t", 1, false, MACCOR, false), null);
        assertEquals(1.0, c.instrumentChargeCapacityMah(), 1e-9);
        assertEquals(1.0, c.instrumentDischargeCapacityMah(), 1e-9);
        // comma separated, signed current, Md, capacity in [Ah]
        one("b.csv", "Rec,TestTime(s),Current [A],Voltage [V],Md,Cap. [Ah]\n" + rows(",", 1, true, MACCOR, false), null);
        // TestTime as a clock with days
        one("c.txt", pre + "Rec#\tTestTime\tAmps\tVolts\tMd\tAmp-hr\n" + rows("\t", 1, false, MACCOR, true), null);
        // TestTime in minutes, told by the mapping
        one("d.txt", "Rec#\tTestTime\tAmps\tVolts\tMd\tAmp-hr\n" + rows("\t", 60, false, MACCOR, false), "time=TestTime[min]");
    }

    @Test
    void maccorMinutesToldApartByTheWallClock() throws IOException {
        StringBuilder b = new StringBuilder("Rec\tTestTime\tCurrent [A]\tVoltage [V]\tMd\tCap. [Ah]\tDPT Time\n");
        double[][] r = {{0, 0, 3.5}, {60, 0, 3.5}, {60, 0.001, 3.6}, {3660, 0.001, 4.1}, {3660, -0.001, 4.0}, {7260, -0.001, 3.4}};
        for (int k = 0; k < r.length; k++) {
            long s = (long) r[k][0] + 13 * 3600; // 1:00:00 PM onwards
            String wall = String.format("12/1/2026 %d:%02d:%02d %s", (s / 3600 - 1) % 12 + 1, s / 60 % 60, s % 60, s / 3600 >= 12 ? "PM" : "AM");
            b.append(k + 1).append('\t').append(r[k][0] / 60).append('\t').append(Math.abs(r[k][1])).append('\t').append(r[k][2]).append('\t')
                    .append(r[k][1] == 0 ? "R" : r[k][1] > 0 ? "C" : "D").append('\t').append(0).append('\t').append(wall).append('\n');
        }
        Path f = Files.writeString(dir.resolve("minutes.txt"), b.toString());
        CycleSummary.Cycle c = CyclerFiles.summarise(f, null, 1e-9).result().cycles().get(0);
        assertEquals(1.0, c.chargeCapacityMah(), 1e-9);
        assertEquals(1.0, c.dischargeCapacityMah(), 1e-9);
        // the same file without its wall clock: seconds or minutes cannot be told
        Path g = Files.writeString(dir.resolve("nowall.txt"), b.toString().replaceAll("\t[^\t\n]*\n", "\n").replace("\tDPT Time", ""));
        InputException e = assertThrows(InputException.class, () -> CyclerFiles.summarise(g, null, 1e-9));
        assertTrue(e.field().equals("column 'TestTime' unit") && e.getMessage().contains("--columns 'time=TestTime[min]'"), e.getMessage());
    }

    @Test
    void signAmbiguousAndUnitLessVariantsAreRefused() throws IOException {
        // an unsigned current beside a mode the reader does not know: no sign is guessed
        Path odd = Files.writeString(dir.resolve("odd.txt"), "Rec#\tTest (Sec)\tAmps\tVolts\tState\n1\t0\t0\t3.5\tR\n2\t10\t0.001\t3.6\tX\n");
        InputException e = assertThrows(InputException.class, () -> CyclerFiles.summarise(odd, null, 1e-9));
        assertTrue(e.field().contains("'State'") && e.getMessage().contains("'X'"), e.getMessage());
        // a current without a unit outside the layouts that fix one
        Path unit = Files.writeString(dir.resolve("unit.csv"), "Time (s),Current,Voltage (V)\n0,0,3.5\n");
        assertEquals("current unit", assertThrows(InputException.class, () -> CyclerFiles.summarise(unit, null, 1e-9)).field());
        // a step's clock where the test's is expected (Neware's Time without Cumulative Time)
        Path step = Files.writeString(dir.resolve("step.csv"), "Cycle Index,Step Index,Step Type,Time,Current(A),Voltage(V)\n"
                + "1,1,CC Chg,00:00:00,0.001,3.5\n1,1,CC Chg,01:00:00,0.001,4.1\n1,2,CC DChg,00:00:00,-0.001,4.0\n1,2,CC DChg,01:00:00,-0.001,3.4\n");
        e = assertThrows(InputException.class, () -> CyclerFiles.summarise(step, null, 1e-9));
        assertTrue(e.field().contains("row 4 time") && e.getMessage().contains("step's clock"), e.getMessage());
    }

    @Test
    void newareNestedThreeLevelExport() throws IOException {
        // cycle, step and record levels, each one field further in; the record's time is the step's clock
        String nested = "Cycle ID,Cap_Chg(mAh),Cap_DChg(mAh),Charge/Discharge Efficiency(%)\n"
                + ",Step ID,Step Name,Step Time(h:min:s.ms),Capacity(mAh)\n"
                + ",,Record ID,Time(h:min:s.ms),Voltage(V),Current(mA),Capacity(mAh),Energy(mWh),Realtime\n"
                + "1,1.000,1.000,100.0\n"
                + ",1,Rest,0:00:10.000,0.000\n"
                + ",,1,0:00:00.000,3.5000,0.0000,0.0000,0.0000,2026-12-01 13:00:00\n"
                + ",,2,0:00:10.000,3.5000,0.0000,0.0000,0.0000,2026-12-01 13:00:10\n"
                + ",2,CC_Chg,1:00:00.000,1.000\n"
                + ",,3,0:00:00.000,3.6000,1.0000,0.0000,0.0000,2026-12-01 13:00:10\n"
                + ",,4,1:00:00.000,4.1000,1.0000,1.0000,3.9000,2026-12-01 14:00:10\n"
                + ",3,CC_DChg,1:00:00.000,1.000\n"
                + ",,5,0:00:00.000,4.0000,1.0000,0.0000,0.0000,2026-12-01 14:00:10\n"
                + ",,6,1:00:00.000,3.4000,1.0000,1.0000,3.7000,2026-12-01 15:00:10\n";
        CycleSummary.Cycle c = one("nested.csv", nested, null);
        assertEquals(1.0, c.instrumentChargeCapacityMah(), 1e-12);
        assertEquals(1.0, c.instrumentDischargeCapacityMah(), 1e-12);
        assertEquals("Neware nested CSV", CyclerFiles.summarise(dir.resolve("nested.csv"), null, 1e-9).vendor());
        // a step the reader cannot sign, and a current without a unit: refused by name
        Path odd = Files.writeString(dir.resolve("odd.csv"), nested.replace("CC_DChg", "CC_Xfer"));
        InputException e = assertThrows(InputException.class, () -> CyclerFiles.summarise(odd, null, 1e-9));
        assertTrue(e.field().contains("Step Name") && e.getMessage().contains("CC_Xfer"), e.getMessage());
        Path unit = Files.writeString(dir.resolve("unit.csv"), nested.replace("Current(mA)", "Current"));
        assertEquals("current unit", assertThrows(InputException.class, () -> CyclerFiles.summarise(unit, null, 1e-9)).field());
    }

    @Test
    void arbinAndNewareAndPecVariants() throws IOException {
        String arbin = "Data_Point,Test_Time,Step_Index,Cycle_Index,Current,Voltage,Charge_Capacity,Discharge_Capacity\n"
                + "1,0,1,1,0,3.5,0,0\n2,10,1,1,0,3.5,0,0\n3,10,2,1,0.001,3.6,0,0\n4,3610,2,1,0.001,4.1,0.001,0\n5,3610,3,1,-0.001,4.0,0.001,0\n"
                + "6,7210,3,1,-0.001,3.4,0.001,0.001\n";
        CycleSummary.Cycle c = one("mits.csv", arbin, null); // old MITS: no units in the header
        assertEquals(1.0, c.instrumentChargeCapacityMah(), 1e-9);
        // charge and discharge counters in different units: each read in its own (the discharge one had been dropped)
        CycleSummary.Cycle mixed = one("mixed.csv", arbin.replace("Charge_Capacity", "Charge_Capacity(Ah)").replace("Discharge_Capacity", "Discharge_Capacity(mAh)")
                .replace("Test_Time", "Test_Time(s)").replace("Current,", "Current(A),").replace("6,7210,3,1,-0.001,3.4,0.001,0.001", "6,7210,3,1,-0.001,3.4,0.001,1"), null);
        assertEquals(1.0, mixed.instrumentChargeCapacityMah(), 1e-9);
        assertEquals(1.0, mixed.instrumentDischargeCapacityMah(), 1e-9);
        one("pro.csv", arbin.replace("Test_Time", "Test Time (s)").replace("Current", "Current (A)").replace("Voltage", "Voltage (V)")
                .replace("Charge_Capacity", "Charge Capacity (Ah)").replace("Discharge_Capacity", "Discharge Capacity (Ah)"), null); // MITS Pro
        one("neware.csv", "Cycle Index,Step Index,Step Type,Time,Cumulative Time,Current(mA),Voltage(V),Chg. Cap.(mAh),DChg. Cap.(mAh)\n"
                + "1,1,Rest,00:00:00,00:00:00,0,3.5,0,0\n1,1,Rest,00:00:10,00:00:10,0,3.5,0,0\n1,2,CC Chg,00:00:00,00:00:10,1,3.6,0,0\n"
                + "1,2,CC Chg,01:00:00,01:00:10,1,4.1,1,0\n1,3,CC DChg,00:00:00,01:00:10,1,4.0,0,0\n1,3,CC DChg,01:00:00,02:00:10,1,3.4,0,1\n", null);
        one("pec.csv", "Test:,1\nStart Time:,12/01/2026 13:00:00\n#RESULTS CHECK\n#END RESULTS CHECK\n"
                + "Test,Cell,Step,Cycle,Total Time (Seconds),Voltage (mV),Current (mA),Charge Capacity (mAh),Discharge Capacity (mAh)\n"
                + "1,1,0,1,0,3500,0,0,0\n1,1,0,1,10,3500,0,0,0\n1,1,1,1,10,3600,1,0,0\n1,1,1,1,3610,4100,1,1,0\n1,1,2,1,3610,4000,-1,1,0\n"
                + "1,1,2,1,7210,3400,-1,1,1\n", null);
    }
}
