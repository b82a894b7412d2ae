package no.flyt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The query API's answers to a fixed handful of questions, taken from an instance that has absorbed all input: the
 * reference a restarted or failed-over instance must answer again before it counts as recovered. The questions
 * touch both stores (region flows, region statistics), regions of every kind and most partitions (a county or a
 * centrality class is summed over municipalities hosted by every task), and the months of the latency probes.
 */
final class QueryAnswers {

    private static final String RANGE = "from=2014-01&to=2024-12";

    static final List<String> QUESTIONS = List.of(
        "/api/municipalities/0301/flows?" + RANGE,
        "/api/municipalities/4601/flows?" + RANGE,
        "/api/municipalities/5001/flows?" + RANGE,
        "/api/municipalities/1103/flows?" + RANGE,
        "/api/municipalities/" + LatencyBenchmark.PROBE_MUNICIPALITY + "/flows?" + RANGE,
        "/api/counties/03/flows?" + RANGE,
        "/api/counties/46/flows?" + RANGE,
        "/api/centrality-classes/1/flows?" + RANGE,
        "/api/centrality-classes/6/flows?" + RANGE,
        "/api/municipalities/0301/statistics?" + RANGE + "&period=year",
        "/api/counties/50/statistics?" + RANGE + "&period=total",
        "/api/centrality-classes/6/statistics?" + RANGE + "&period=total",
        "/api/municipalities/4601/population?at=2024-12");

    private final Map<String, JsonNode> expected;

    private QueryAnswers(Map<String, JsonNode> expected) {
        this.expected = expected;
    }

    /** Takes the answers from an instance that answers everything (it must be RUNNING and caught up). */
    static QueryAnswers take(ApiClient api, Duration timeout) throws InterruptedException, TimeoutException {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String question : QUESTIONS) {
            JsonNode answer;
            while ((answer = api.getOrNull(question)) == null) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the query API did not answer " + question + " within " + timeout);
                }
                Thread.sleep(100);
            }
            answers.put(question, answer);
        }
        return new QueryAnswers(answers);
    }

    /** Whether {@code api} now gives exactly these answers (the first difference or missing answer ends the look). */
    boolean matchedBy(ApiClient api) throws InterruptedException {
        for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
            if (!e.getValue().equals(api.getOrNull(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
