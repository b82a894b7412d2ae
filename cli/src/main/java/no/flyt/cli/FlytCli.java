package no.flyt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The single entry point of flyt. Every subcommand prints its own help with {@code --help}.
 */
@Command(name = "flyt", mixinStandardHelpOptions = true, versionProvider = FlytCli.Version.class,
    description = "Live population-register statistics with Kafka Streams.",
    subcommands = {
        RunCommand.class,
        StreamsCommand.class,
        SetupCommand.class,
        ReplayCommand.class,
        ResetCommand.class,
        CleanCommand.class,
        GenerateCommand.class,
        CalibrationCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class
    })
public final class FlytCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FlytCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getColorScheme().errorText("flyt: " + Errors.describe(e)));
            org.slf4j.LoggerFactory.getLogger(FlytCli.class).debug("Command failed", e);
            return 1;
        });
        // flyt's own settings, listed from their one definition
        CommandLine streams = cli.getSubcommands().get("streams");
        java.util.List<String> footer = new java.util.ArrayList<>(java.util.List.of("", "flyt settings (with --config FILE, or KAFKA_FLYT_... variables):"));
        no.flyt.streams.config.FlytSettings.describe().forEach(line -> footer.add("  " + line));
        streams.getCommandSpec().usageMessage().footer(footer.toArray(new String[0]));
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FlytCli.class.getPackage().getImplementationVersion();
            return new String[] {"flyt " + (version == null ? "(development build)" : version)};
        }
    }
}
