package no.flyt.catalogue;

/**
 * The coarser regions whose municipalities are summed into aggregates of their own. A domestic move that crosses
 * such a border is counted again under a crossing measure ({@link Measure#crossing()}), so that a region's moves
 * in and out are the sums of its municipalities' crossing measures, with every breakdown.
 */
public enum Border {
    COUNTY, CENTRALITY_CLASS, SIZE_BAND
}
