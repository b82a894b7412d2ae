package no.flyt.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/** The lines of a child's log that explain a failed start, for the exception message. */
final class LogTail {

    private static final Pattern ERROR_LINE = Pattern.compile("\\b(ERROR|FATAL)\\b");
    /** An error line and the ones after it, which usually carry the exception and its message. */
    private static final int LINES_PER_ERROR = 3;
    private static final int MAX_ERROR_LINES = 15;
    private static final int TAIL_LINES = 20;

    private LogTail() {
    }

    /**
     * The first error lines if there are any, since a broker logs its whole shutdown after a fatal error;
     * otherwise the last lines (e.g. the JVM's own complaint about its options).
     */
    static String explain(Path logFile) {
        List<String> errors = new ArrayList<>();
        Deque<String> tail = new ArrayDeque<>(TAIL_LINES);
        try (BufferedReader reader = Files.newBufferedReader(logFile, StandardCharsets.ISO_8859_1)) {
            int errorLinesToKeep = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (ERROR_LINE.matcher(line).find()) {
                    errorLinesToKeep = LINES_PER_ERROR;
                }
                if (errorLinesToKeep > 0 && errors.size() < MAX_ERROR_LINES) {
                    errors.add(line);
                    errorLinesToKeep--;
                }
                if (tail.size() == TAIL_LINES) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            }
        } catch (IOException e) {
            return "(could not read " + logFile + ": " + e + ")";
        }
        return String.join(System.lineSeparator(), errors.isEmpty() ? tail : errors);
    }
}
