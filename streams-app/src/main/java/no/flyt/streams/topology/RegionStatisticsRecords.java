package no.flyt.streams.topology;

import java.util.ArrayList;
import java.util.List;
import no.flyt.aggregates.Measure;
import no.flyt.aggregates.RegionStatistics;
import no.flyt.aggregates.StatisticsCell;

/** Converts between the compact in-store cells and the Avro records published for dashboards. */
public final class RegionStatisticsRecords {

    private RegionStatisticsRecords() {
    }

    public static RegionStatistics toAvro(String key, CellCounts counts) {
        List<StatisticsCell> cells = new ArrayList<>(counts.size());
        for (int i = 0; i < counts.size(); i++) {
            int cell = counts.cellAt(i);
            boolean population = Cell.measure(cell) == Measure.POPULATION;
            cells.add(new StatisticsCell(Cell.measure(cell), Cell.dimension(cell), Cell.categoryLabel(cell),
                Cell.hasAgeBand(cell) ? Cell.label(Cell.ageBand(cell)) : null,
                population ? Cell.birthYear(cell) : null, counts.countAt(i)));
        }
        return new RegionStatistics(RegionKey.typeOf(key), RegionKey.codeOf(key), RegionKey.monthOf(key).toString(), cells);
    }
}
