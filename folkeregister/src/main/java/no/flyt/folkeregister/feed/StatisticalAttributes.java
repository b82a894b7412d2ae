package no.flyt.folkeregister.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import no.flyt.events.CountryBackground;
import no.flyt.events.EducationLevel;
import no.flyt.events.ImmigrantCategory;
import no.flyt.events.ImmigrationReason;
import no.flyt.events.PersonAttributes;

/**
 * One version of the person attributes that statistics need and the Folkeregister does not hold: SSB's immigrant
 * category and country background (derived from parents' and grandparents' countries of birth), UDI's reason for
 * immigration and collective protection, the education register's level. Valid from {@code validFrom} until the
 * person's next version. They come from a side input (see docs/FOLKEREGISTER.md); its JSON fields are named as
 * flyt's {@code PersonAttributes}.
 */
public record StatisticalAttributes(Instant validFrom, ImmigrantCategory immigrantCategory, CountryBackground countryBackground,
                                    String countryBackgroundCode, ImmigrationReason immigrationReason,
                                    EducationLevel educationLevel, boolean collectiveProtection) {

    public static final String VALID_FROM = "validFrom";

    public static StatisticalAttributes of(Instant validFrom, PersonAttributes p) {
        return new StatisticalAttributes(validFrom, p.getImmigrantCategory(), p.getCountryBackground(), p.getCountryBackgroundCode(),
            p.getImmigrationReason(), p.getEducationLevel(), p.getCollectiveProtection());
    }

    /** The same attributes, ignoring when they became valid. */
    public boolean sameValues(StatisticalAttributes o) {
        return immigrantCategory == o.immigrantCategory && countryBackground == o.countryBackground
            && java.util.Objects.equals(countryBackgroundCode, o.countryBackgroundCode) && immigrationReason == o.immigrationReason
            && educationLevel == o.educationLevel && collectiveProtection == o.collectiveProtection;
    }

    /** The version valid at {@code at}: the latest that became valid then or before. */
    public static StatisticalAttributes validAt(List<StatisticalAttributes> versions, Instant at) {
        if (versions == null || versions.isEmpty()) {
            throw new UnmappableException("the side input has no statistical attributes for the person");
        }
        StatisticalAttributes valid = null;
        for (StatisticalAttributes v : versions) {
            if (!v.validFrom().isAfter(at) && (valid == null || !v.validFrom().isBefore(valid.validFrom()))) {
                valid = v;
            }
        }
        if (valid == null) {
            throw new UnmappableException("the side input has no statistical attributes of the person valid at " + at);
        }
        return valid;
    }

    void fill(PersonAttributes p) {
        p.setImmigrantCategory(immigrantCategory);
        p.setCountryBackground(countryBackground);
        p.setCountryBackgroundCode(countryBackgroundCode);
        p.setImmigrationReason(immigrationReason);
        p.setEducationLevel(educationLevel);
        p.setCollectiveProtection(collectiveProtection);
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put(VALID_FROM, validFrom.toString());
        o.put("immigrantCategory", immigrantCategory.name());
        o.put("countryBackground", countryBackground.name());
        o.put("countryBackgroundCode", countryBackgroundCode);
        o.put("immigrationReason", immigrationReason == null ? null : immigrationReason.name());
        o.put("educationLevel", educationLevel.name());
        o.put("collectiveProtection", collectiveProtection);
        return o;
    }

    public static StatisticalAttributes fromJson(JsonNode o) {
        try {
            return new StatisticalAttributes(Instant.parse(o.path(VALID_FROM).asText()),
                ImmigrantCategory.valueOf(o.path("immigrantCategory").asText()),
                CountryBackground.valueOf(o.path("countryBackground").asText()),
                text(o, "countryBackgroundCode"),
                text(o, "immigrationReason") == null ? null : ImmigrationReason.valueOf(o.path("immigrationReason").asText()),
                EducationLevel.valueOf(o.path("educationLevel").asText()),
                o.path("collectiveProtection").asBoolean());
        } catch (RuntimeException e) {
            throw new UnmappableException("malformed statistical attributes " + o + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
