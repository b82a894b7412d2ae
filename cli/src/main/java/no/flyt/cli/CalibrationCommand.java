package no.flyt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import no.flyt.producers.synthetic.CalibrationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Recounts a generated event set and compares it with the published figures it is calibrated to. */
@Command(name = "calibration", mixinStandardHelpOptions = true,
    description = {"Compare a generated event set with the published figures it is calibrated to.",
        "Prints generated vs published and the relative error per figure; exits with 1 when a calibrated figure is off",
        "by more than its tolerance (5 % at full scale, wider at small scale for sampling noise)."})
final class CalibrationCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A directory written by `flyt generate`.")
    Path directory;

    @Override
    public Integer call() throws Exception {
        CalibrationReport report = CalibrationReport.of(directory);
        spec.commandLine().getOut().println(report.format());
        return report.failures().isEmpty() ? 0 : 1;
    }
}
