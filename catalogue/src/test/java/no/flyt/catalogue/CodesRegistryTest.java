package no.flyt.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The codes of the catalogue are the persisted format of every state store, changelog and repartition topic: a cell
 * stored by one version must mean the same to the next. {@code codes.txt} records every declaration as it was first
 * released; this test fails when a declaration no longer matches its line (a code that changed or was reused), and
 * when a new declaration has no line yet (append the lines it prints, in the same commit as the declaration).
 * A retired declaration keeps its line, under {@code retired}, so that its code is never given to another.
 */
class CodesRegistryTest {

    @Test
    void everyDeclarationMatchesTheRegistryAndEveryRegisteredCodeIsStillDeclared() throws IOException {
        List<String> registry = registry();
        List<String> current = Catalogue.describe();
        Set<String> changed = changed(registry, current);
        Set<String> added = new LinkedHashSet<>(current);
        added.removeAll(registry);
        if (!changed.isEmpty()) {
            fail("Declarations in codes.txt that the catalogue no longer has as they were: a persisted code changed "
                + "meaning or was removed. Restore them (or move a removed one under 'retired ').\n  " + String.join("\n  ", changed)
                + (added.isEmpty() ? "" : "\nThe catalogue has instead:\n  " + String.join("\n  ", added)));
        }
        assertThat(added).as("new declarations: append these lines to catalogue/src/test/resources/no/flyt/catalogue/codes.txt")
            .isEmpty();
    }

    @Test
    void noCodeIsGivenTwiceNorAgainAfterItsRetirement() throws IOException {
        Map<String, String> owners = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (String line : registry()) {
            String[] words = (line.startsWith("retired ") ? line.substring("retired ".length()) : line).split(" ");
            if (words[0].equals("measure") || words[0].equals("breakdown") || words[0].equals("table")
                || (words[0].equals("category") && !words[2].equals("numeric"))) {
                String key = words[0].equals("category") ? "category " + words[1] + " " + words[2] : words[0] + " " + words[1];
                String owner = words[0].equals("category") ? words[3] : words[2];
                String before = owners.putIfAbsent(key, owner);
                if (before != null && !before.equals(owner)) {
                    clashes.add(key + " is " + before + " and " + owner);
                }
            }
        }
        assertThat(clashes).isEmpty();
    }

    @Test
    void aCodeChangedInTheCatalogueIsCaught() throws IOException {
        List<String> registry = registry();
        List<String> edited = new ArrayList<>(Catalogue.describe());
        int i = edited.indexOf("measure 3 EMIGRATIONS FLOW json emigrations");
        assertThat(i).as("EMIGRATIONS has had code 3 since the first release").isNotNegative();
        edited.set(i, "measure 18 EMIGRATIONS FLOW json emigrations");
        assertThat(changed(registry, edited)).containsExactly("measure 3 EMIGRATIONS FLOW json emigrations");
        List<String> retired = new ArrayList<>(registry);
        retired.set(retired.indexOf("measure 3 EMIGRATIONS FLOW json emigrations"), "retired measure 3 EMIGRATIONS FLOW json emigrations");
        assertThat(changed(retired, edited)).as("a retired line is not looked for").isEmpty();
    }

    /** The registry's lines (other than retired ones) that the catalogue no longer declares as they are. */
    private static Set<String> changed(List<String> registry, List<String> current) {
        Set<String> changed = new LinkedHashSet<>(registry);
        changed.removeIf(line -> line.startsWith("retired ") || current.contains(line));
        return changed;
    }

    private static List<String> registry() throws IOException {
        try (InputStream in = CodesRegistryTest.class.getResourceAsStream("codes.txt")) {
            assertThat(in).as("codes.txt").isNotNull();
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
            return lines;
        }
    }
}
