package no.flyt.catalogue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Writes the Avro enums of the published statistics, {@code Measure} and {@code Dimension}, from the catalogue: the
 * schemas module runs it before it generates its classes, so a measure or breakdown declared here is a symbol there.
 * Symbols follow the codes, with the fallback {@code OTHER} at its reserved code: symbols added later come last, so
 * the released schemas and the new one read each other's records (a reader that lacks a symbol reads OTHER).
 */
public final class AvroEnums {

    static final String NAMESPACE = "no.flyt.aggregates";

    private AvroEnums() {
    }

    /**
     * Writes the enums into {@code args[0]}. When they differ from what is there, the classes generated from the schemas
     * ({@code args[1]}, optional) are deleted: the Avro plugin regenerates only for changed source files, and every
     * record's class embeds the enums it uses.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: AvroEnums OUTPUT_DIRECTORY [GENERATED_SOURCES_TO_INVALIDATE]");
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        boolean changed = write(dir.resolve("Measure.avsc"), measureSchema()) | write(dir.resolve("Dimension.avsc"), dimensionSchema());
        if (changed && args.length == 2 && Files.isDirectory(Path.of(args[1]))) {
            try (var files = Files.walk(Path.of(args[1]))) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Writes {@code content} unless the file holds it already; whether it wrote. */
    private static boolean write(Path file, String content) throws IOException {
        if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
            return false;
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return true;
    }

    static String measureSchema() {
        TreeMap<Integer, String> symbols = new TreeMap<>();
        StringBuilder doc = new StringBuilder("What a cell counts (flyt's statistics catalogue, by code).");
        for (Measure m : Measure.values()) {
            symbols.put(m.code(), m.name());
            doc.append(' ').append(m.name()).append(": ").append(m.description());
        }
        symbols.put(Measure.RESERVED_OTHER, "OTHER");
        doc.append(" OTHER: a measure this reader does not know (added by a newer writer).");
        return enumSchema("Measure", doc.toString(), new ArrayList<>(symbols.values()));
    }

    static String dimensionSchema() {
        TreeMap<Integer, String> symbols = new TreeMap<>();
        StringBuilder doc = new StringBuilder("What the cell is broken down by (a breakdown of flyt's statistics catalogue, by code): "
            + "its category holds the labels of the breakdown's dimensions, joined by '|'; ALL is the measure itself; PARTNER_* are "
            + "the other end of a domestic move (origin for DOMESTIC_IN, destination for DOMESTIC_OUT).");
        for (Breakdown b : Breakdown.values()) {
            symbols.put(b.code(), b.name());
            StringJoiner parts = new StringJoiner(" by ");
            b.parts().forEach(p -> parts.add(p.dimension().description()));
            doc.append(' ').append(b.name()).append(": ").append(parts).append('.');
        }
        symbols.put(Breakdown.RESERVED_OTHER, "OTHER");
        doc.append(" OTHER: a breakdown this reader does not know (added by a newer writer).");
        return enumSchema("Dimension", doc.toString(), new ArrayList<>(symbols.values()));
    }

    private static String enumSchema(String name, String doc, List<String> symbols) {
        StringJoiner s = new StringJoiner("\", \"", "[\"", "\"]");
        symbols.forEach(s::add);
        return "{\n  \"type\": \"enum\",\n  \"name\": \"" + name + "\",\n  \"namespace\": \"" + NAMESPACE + "\",\n"
            + "  \"doc\": \"" + escape(doc) + "\",\n  \"symbols\": " + s + ",\n  \"default\": \"OTHER\"\n}\n";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
