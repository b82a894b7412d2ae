package no.flyt.streams.rules;

import no.flyt.aggregates.RegionType;
import no.flyt.catalogue.Border;
import no.flyt.reference.Municipality;

/** The coarser regions a municipality belongs to, and the region types the combiner keeps them under. */
public final class Borders {

    private Borders() {
    }

    /** The code of the region of {@code border}'s kind that {@code m} lies in: county code, class 1-6 or size band. */
    public static String regionCode(Municipality m, Border border) {
        return switch (border) {
            case COUNTY -> m.getCountyCode();
            case CENTRALITY_CLASS -> String.valueOf(m.getCentralityClass());
            case SIZE_BAND -> SizeBand.of(m).name();
        };
    }

    /** The aggregate type of the regions inside a border. */
    public static RegionType regionType(Border border) {
        return switch (border) {
            case COUNTY -> RegionType.COUNTY;
            case CENTRALITY_CLASS -> RegionType.CENTRALITY_CLASS;
            case SIZE_BAND -> RegionType.SIZE_BAND;
        };
    }

    /** The border of a coarser region type; a municipality has none of these. */
    public static Border of(RegionType type) {
        return switch (type) {
            case COUNTY -> Border.COUNTY;
            case CENTRALITY_CLASS -> Border.CENTRALITY_CLASS;
            case SIZE_BAND -> Border.SIZE_BAND;
            case MUNICIPALITY -> throw new IllegalArgumentException("a municipality is not summed from others");
        };
    }
}
