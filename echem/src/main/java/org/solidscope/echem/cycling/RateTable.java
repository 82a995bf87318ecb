package org.solidscope.echem.cycling;

import java.util.ArrayList;
import java.util.List;

/**
 * Rate capability: consecutive cycles discharged at one current (within 2 %) form a rate; per rate the mean
 * discharge capacity, its share of the lowest rate's capacity, and the mean ohmic drop of the steps entered from
 * rest at that current. The C-rate is the discharge current over the 1 C current when it is given, else over the
 * lowest rate's capacity per hour (the cell's practical 1 C) — the table says which.
 */
public final class RateTable {
    private RateTable() {}

    /**
     * One rate. {@code cRate} as the table's {@code cRateBasis} says; capacities in mAh (and mAh/g when a mass is
     * given, else NaN); {@code ohmicDropMv} NaN when no step at this current was entered from rest.
     */
    public record Rate(double cRate, double dischargeCurrentMa, int firstCycle, int cycles, double dischargeCapacityMah, double dischargeCapacityMahG,
                       double relativeToLowest, double ohmicDropMv, double resistanceOhm) {}

    public record Result(String cRateBasis, List<Rate> rates) {}

    /**
     * @param oneCMa      the 1 C current in mA, or NaN to use the lowest rate's capacity
     * @param activeMassMg active mass for mAh/g, or NaN
     */
    public static Result of(CycleSummary.Result run, double oneCMa, double activeMassMg) {
        List<List<CycleSummary.Cycle>> groups = new ArrayList<>();
        for (CycleSummary.Cycle c : run.cycles()) {
            if (!(c.dischargeCurrentA() > 0)) continue;
            List<CycleSummary.Cycle> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last != null && Math.abs(c.dischargeCurrentA() - last.get(0).dischargeCurrentA()) <= 0.02 * last.get(0).dischargeCurrentA()) last.add(c);
            else groups.add(new ArrayList<>(List.of(c)));
        }
        if (groups.isEmpty()) return new Result("none", List.of());
        int lowest = 0;
        for (int k = 1; k < groups.size(); k++) if (groups.get(k).get(0).dischargeCurrentA() < groups.get(lowest).get(0).dischargeCurrentA()) lowest = k;
        double lowestQ = mean(groups.get(lowest));
        double basisMa = Double.isNaN(oneCMa) ? lowestQ : oneCMa; // mA that is 1 C: capacity (mAh) per hour
        List<Rate> out = new ArrayList<>();
        for (List<CycleSummary.Cycle> g : groups) {
            double iA = 0;
            for (CycleSummary.Cycle c : g) iA += c.dischargeCurrentA();
            iA /= g.size();
            double q = mean(g), dropSum = 0;
            int drops = 0;
            for (CycleSummary.OhmicDrop d : run.ohmicDrops()) {
                if (d.cycle() >= g.get(0).cycle() && d.cycle() <= g.get(g.size() - 1).cycle() && Math.abs(Math.abs(d.currentA()) - iA) <= 0.02 * iA) {
                    dropSum += d.dropMv();
                    drops++;
                }
            }
            double drop = drops == 0 ? Double.NaN : dropSum / drops;
            out.add(new Rate(iA * 1000 / basisMa, iA * 1000, g.get(0).cycle(), g.size(), q, activeMassMg > 0 ? q / activeMassMg * 1000 : Double.NaN,
                    q / lowestQ, drop, drop / 1000 / iA));
        }
        return new Result(Double.isNaN(oneCMa) ? "lowest rate's capacity per hour" : "1 C = " + oneCMa + " mA", List.copyOf(out));
    }

    private static double mean(List<CycleSummary.Cycle> g) {
        double s = 0;
        for (CycleSummary.Cycle c : g) s += c.dischargeCapacityMah();
        return s / g.size();
    }
}
