package no.flyt.streams.query;

import no.flyt.aggregates.RegionFlows;

/** One row of a flows answer: a month, or the total over the months asked. */
public record FlowTotals(String month, long domesticIn, long domesticOut, long immigrations, long emigrations, long net) {

    public static FlowTotals zero(String month) {
        return new FlowTotals(month, 0, 0, 0, 0, 0);
    }

    public static FlowTotals of(RegionFlows flows) {
        return new FlowTotals(flows.getMonth(), flows.getDomesticIn(), flows.getDomesticOut(),
            flows.getImmigrations(), flows.getEmigrations(), flows.getNet());
    }

    public FlowTotals plus(FlowTotals other, String label) {
        return new FlowTotals(label, domesticIn + other.domesticIn, domesticOut + other.domesticOut,
            immigrations + other.immigrations, emigrations + other.emigrations, net + other.net);
    }
}
