package no.flyt.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the CSV resources flyt ships (reference data, calibration targets, model parameters): RFC 4180 with
 * '#' comment lines and one header line, through Commons CSV.
 */
public final class ResourceCsv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
        .setCommentMarker('#')
        .setIgnoreEmptyLines(true)
        .setHeader()
        .setSkipHeaderRecord(true)
        .get();

    /** A data row with its line number in the file, for error messages. */
    public record Row(long lineNumber, List<String> fields) {

        public String field(int i) {
            return fields.get(i);
        }
    }

    private ResourceCsv() {
    }

    /**
     * The data rows of a classpath resource, relative to {@code anchor}'s package unless absolute; each must have
     * {@code fieldCount} fields (-1: any number).
     */
    public static List<Row> read(Class<?> anchor, String resource, int fieldCount) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the classpath of " + anchor.getPackageName());
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), resource, fieldCount);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static List<Row> parse(Reader reader, String name, int fieldCount) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            for (CSVRecord record : parser) {
                if (fieldCount >= 0 && record.size() != fieldCount) {
                    throw new IOException(name + " line " + parser.getCurrentLineNumber() + ": expected " + fieldCount
                        + " fields, found " + record.size());
                }
                rows.add(new Row(parser.getCurrentLineNumber(), record.toList()));
            }
        }
        return rows;
    }
}
