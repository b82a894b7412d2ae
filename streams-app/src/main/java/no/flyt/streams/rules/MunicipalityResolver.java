package no.flyt.streams.rules;

import java.util.Optional;
import no.flyt.reference.Municipality;

/** Looks up a municipality code (current or historic) in the reference data. */
@FunctionalInterface
public interface MunicipalityResolver {
    Optional<Municipality> resolve(String code);
}
