package no.flyt.streams.topology;

import no.flyt.streams.codec.CellCounts;
import org.apache.avro.specific.SpecificRecord;

/** Where the person-state processors send a record: a statistics delta or a rejected input record. */
public sealed interface Routed {

    /** A signed change to one region-month of the region statistics. */
    record Cells(CellCounts cells) implements Routed {
    }

    /** An input record (a RegisterEvent or a BaselinePerson) that breaks a register rule. */
    record Rejected(SpecificRecord value, String reason) implements Routed {
    }
}
