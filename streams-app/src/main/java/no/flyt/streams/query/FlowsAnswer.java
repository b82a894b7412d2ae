package no.flyt.streams.query;

import java.util.List;

/**
 * The answer to a flows query.
 *
 * @param regionType    MUNICIPALITY, COUNTY, CENTRALITY_CLASS, SIZE_BAND, GROUP or COUNTRY
 * @param code          the 2024 code the numbers are for
 * @param name          the region's name
 * @param requestedCode the code asked for (an older municipality code is answered for its 2024 municipality)
 */
public record FlowsAnswer(String regionType, String code, String name, String requestedCode, String from, String to,
                          List<FlowTotals> months, FlowTotals total) {
}
