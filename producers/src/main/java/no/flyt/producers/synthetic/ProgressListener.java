package no.flyt.producers.synthetic;

/**
 * Told about a generation run's progress: about every 100 000 records, at each simulated month, and at the end.
 * Called on the generating thread; keep it quick.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = progress -> { };

    void onProgress(GenerationProgress progress);
}
