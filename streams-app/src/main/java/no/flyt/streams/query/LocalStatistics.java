package no.flyt.streams.query;

import java.time.YearMonth;
import java.util.NavigableMap;
import no.flyt.streams.codec.CellCounts;

/**
 * This instance's part of the stored statistics: which instance hosts a stored region, and the months of the regions
 * hosted here. The streams app implements it on its state store; {@link StatisticsReader}s are built on it.
 */
public interface LocalStatistics {

    /** This instance. */
    Instance self();

    /** The instance that hosts {@code region} ({@code COUNTY:03}) now; {@link UnavailableException} while unknown. */
    Instance hostOf(String region);

    /** The non-empty months of a region hosted here; {@link UnavailableException} if it is not (any more). */
    NavigableMap<YearMonth, CellCounts> read(String region, YearMonth from, YearMonth to);
}
