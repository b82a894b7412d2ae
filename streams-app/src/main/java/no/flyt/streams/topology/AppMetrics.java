package no.flyt.streams.topology;

/** The app's own counters, declared once: their metric names (group {@value #GROUP}) and how the health answer names them. */
public enum AppMetrics {
    DEAD_LETTERS("dead-letter-records-total", "deadLetters", "Input records sent to the dead-letter topic"),
    SUPERSEDED("superseded-or-duplicate-records-total", "supersededOrDuplicate", "Redelivered or outdated event versions that changed nothing"),
    HELD_DEATHS_COUNTED("held-deaths-counted-total", "heldDeathsCounted",
        "Deaths of a person not seen yet that were counted when the person was seen later");

    public static final String GROUP = "flyt-streams";

    private final String metricName;
    private final String jsonName;
    private final String description;

    AppMetrics(String metricName, String jsonName, String description) {
        this.metricName = metricName;
        this.jsonName = jsonName;
        this.description = description;
    }

    public String metricName() {
        return metricName;
    }

    public String jsonName() {
        return jsonName;
    }

    public String description() {
        return description;
    }
}
