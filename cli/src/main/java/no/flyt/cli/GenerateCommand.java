package no.flyt.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import no.flyt.folkeregister.fake.FeedFiles;
import no.flyt.folkeregister.fake.FeedWriter;
import no.flyt.producers.synthetic.GenerationSummary;
import no.flyt.producers.synthetic.GeneratorSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes the synthetic population register (baseline 2015-01-01 and the change events of 2015–2024). */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generate the synthetic population register 2015-2024 as an event set.",
        "Deterministic: the same scale and seed give the same bytes. Calibrated to published SSB/IMDi/UDI figures",
        "(see docs/SYNTHETIC-DATA.md); `flyt calibration DIR` compares a generated set with them."})
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scale", defaultValue = "0.01", description = "Share of the real population and flows, 0 < scale <= 1 (default ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Directory to write the event set to.")
    Path out;

    @Option(names = "--format", defaultValue = "avro",
        description = "avro, jsonl, both, or folkeregister: Avro and the Folkeregister feed's shape in the subdirectory folkeregister/ (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--gzip", description = "Gzip the JSON Lines files.")
    boolean gzip;

    @Option(names = "--end-date", description = "Last event date (default 2024-12-31).")
    LocalDate endDate;

    @Option(names = "--no-employment", description = "Leave out the linked employment register.")
    boolean noEmployment;

    @Override
    public Integer call() throws Exception {
        boolean feed = FOLKEREGISTER.equals(format);
        GeneratorSettings settings = GeneratorSettings.of(scale, seed).withFormat(format(feed ? "avro" : format)).withGzipJson(gzip)
            .withEmployment(!noEmployment);
        if (endDate != null) {
            settings = settings.withEndDate(endDate);
        }
        GenerationSummary summary = SyntheticSample.generate(settings, out, spec.commandLine().getErr());
        spec.commandLine().getOut().printf("%s: %,d baseline persons, %,d events, %,d employment events%n",
            summary.directory(), summary.baselinePersons(), summary.events(), summary.employmentEvents());
        if (feed) {
            FeedWriter.Summary written = FeedWriter.write(out, out.resolve(FeedFiles.SUBDIRECTORY));
            spec.commandLine().getOut().printf("%s: the Folkeregister feed's shape, %,d feed entries (%,d register events, %,d of other "
                    + "types), %,d residents in the extract; %,d refugee settlements are IMDi's, not the register's%n",
                out.resolve(FeedFiles.SUBDIRECTORY), written.feedEntries(), written.events(), written.otherEntries(), written.residents(),
                written.settlementsNotInRegister());
        }
        return 0;
    }

    static final String FOLKEREGISTER = "folkeregister";

    private static GeneratorSettings.OutputFormat format(String name) {
        return switch (name) {
            case "avro" -> GeneratorSettings.OutputFormat.AVRO;
            case "jsonl" -> GeneratorSettings.OutputFormat.JSON_LINES;
            case "both" -> GeneratorSettings.OutputFormat.BOTH;
            default -> throw new IllegalArgumentException("--format must be avro, jsonl, both or folkeregister, was '" + name + "'");
        };
    }
}
