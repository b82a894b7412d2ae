package no.flyt.streams.regions;

import java.util.List;
import java.util.Optional;
import no.flyt.reference.Municipality;

/** The reference data the regions are made of: every municipality code, and the 2024 municipalities. */
public interface Geography {

    /** A municipality code, current or historic, with the 2024 municipality it counts under. */
    Optional<Municipality> municipality(String code);

    /** The 2024 municipalities, by code. */
    List<Municipality> municipalities2024();
}
