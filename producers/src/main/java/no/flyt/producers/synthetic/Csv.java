package no.flyt.producers.synthetic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the small RFC 4180 resource files of this package: '#' comment lines, a header row, quoted fields. */
final class Csv {

    private Csv() {
    }

    /** The data rows of a classpath resource next to this class (header and comments dropped). */
    static List<List<String>> readResource(String name) {
        try (InputStream in = Csv.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the classpath of "
                    + Csv.class.getPackageName());
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        boolean header = true;
        for (List<String> row : records(text)) {
            if (row.size() == 1 && (row.get(0).isBlank() || row.get(0).startsWith("#"))) {
                continue;
            }
            if (!row.isEmpty() && row.get(0).startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> records(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
