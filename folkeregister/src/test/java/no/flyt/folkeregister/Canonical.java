package no.flyt.folkeregister;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.flyt.events.BaselinePerson;
import no.flyt.events.RegisterEvent;

/**
 * Register events and baselines with the ids taken out, for comparing what the connector wrote with the files: each
 * event as its fields (a correction or annulment with the fields of the event it changes), each person as the sorted
 * list of their baseline and events. Equal multisets of persons mean the same events, the same links between
 * corrections and their originals, and the same grouping by person, whatever the ids.
 */
final class Canonical {

    private Canonical() {
    }

    static Map<String, Integer> persons(Iterable<BaselinePerson> baseline, Iterable<RegisterEvent> events) {
        Map<String, RegisterEvent> byId = new HashMap<>();
        for (RegisterEvent e : events) {
            byId.put(e.getEventId(), e);
        }
        Map<String, List<String>> byPerson = new HashMap<>();
        for (BaselinePerson b : baseline) {
            byPerson.computeIfAbsent(b.getPersonId(), k -> new ArrayList<>()).add("baseline " + b.getMunicipality() + " "
                + b.getExtractDate() + " " + b.getImmigrationYear() + " " + b.getSettlementMunicipality() + " " + b.getPerson());
        }
        for (RegisterEvent e : events) {
            String text = event(e);
            if (e.getCorrectsEventId() != null) {
                RegisterEvent original = byId.get(e.getCorrectsEventId());
                text += " of [" + (original == null ? "missing" : event(original)) + "]";
            }
            byPerson.computeIfAbsent(e.getPersonId(), k -> new ArrayList<>()).add(text);
        }
        Map<String, Integer> persons = new TreeMap<>();
        for (List<String> items : byPerson.values()) {
            items.sort(null);
            persons.merge(String.join("\n", items), 1, Integer::sum);
        }
        return persons;
    }

    static String event(RegisterEvent e) {
        return e.getEventType() + " " + e.getRegistration() + " " + e.getEventDate() + " " + e.getRecordedAt() + " "
            + e.getFromMunicipality() + ">" + e.getToMunicipality() + " " + e.getFromCountry() + ">" + e.getToCountry() + " " + e.getPerson();
    }
}
