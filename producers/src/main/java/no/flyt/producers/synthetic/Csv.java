package no.flyt.producers.synthetic;

import java.util.List;
import no.flyt.reference.ResourceCsv;

/** The CSV resources of this package (calibration targets, model parameters, settlements), read as rows of fields. */
final class Csv {

    private Csv() {
    }

    /** The data rows of a classpath resource next to this class (header and comments dropped). */
    static List<List<String>> readResource(String name) {
        return ResourceCsv.read(Csv.class, name, -1).stream().map(ResourceCsv.Row::fields).toList();
    }
}
