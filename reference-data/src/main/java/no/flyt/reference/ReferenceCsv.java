package no.flyt.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads flyt's reference CSV resources: '#' comment lines, one header line, then comma-separated rows. */
final class ReferenceCsv {

    /** A data row with its line number in the file, for error messages. */
    record Row(int lineNumber, String[] fields) {
    }

    private ReferenceCsv() {
    }

    static List<Row> read(String resource, int fieldCount) {
        try (InputStream in = ReferenceCsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("reference resource " + resource + " is missing from the classpath");
            }
            return parse(in, resource, fieldCount);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static List<Row> parse(InputStream in, String name, int fieldCount) throws IOException {
        List<Row> rows = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        boolean header = true;
        int lineNumber = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != fieldCount) {
                throw new IOException(name + " line " + lineNumber + ": expected " + fieldCount + " fields, found " + fields.length);
            }
            rows.add(new Row(lineNumber, fields));
        }
        return rows;
    }
}
