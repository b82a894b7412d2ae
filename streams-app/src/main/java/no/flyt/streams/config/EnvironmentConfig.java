package no.flyt.streams.config;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Maps environment variables onto Kafka configuration, the way container platforms pass settings:
 * {@code KAFKA_COMMIT_INTERVAL_MS=500} becomes {@code commit.interval.ms=500}. Only variables with the prefix are used.
 */
public final class EnvironmentConfig {

    public static final String PREFIX = "KAFKA_";

    private EnvironmentConfig() {
    }

    public static Properties kafkaProperties(Map<String, String> environment) {
        Properties props = new Properties();
        environment.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                props.setProperty(name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return props;
    }
}
