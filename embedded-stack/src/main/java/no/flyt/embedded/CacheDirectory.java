package no.flyt.embedded;

import java.nio.file.Path;

/**
 * Where flyt keeps files it can recreate (the unpacked registry, the watchdog agent): the system property
 * {@code flyt.cache.dir}, else the environment variable {@code FLYT_CACHE_DIR}, else {@code ~/.cache/flyt}.
 */
final class CacheDirectory {

    static final String PROPERTY = "flyt.cache.dir";
    static final String ENVIRONMENT_VARIABLE = "FLYT_CACHE_DIR";

    private CacheDirectory() {
    }

    static Path path() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT_VARIABLE);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "flyt");
    }
}
