package no.flyt.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import no.flyt.serde.CachedSchemaRegistryClient;
import no.flyt.streams.config.FlytTopics;
import no.flyt.streams.config.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Reset, and also delete the output and dead-letter topics and their schemas; with --all the input topics too. */
@Command(name = "clean", mixinStandardHelpOptions = true,
    description = {"Reset, and delete the output and dead-letter topics with their schemas.",
        "With --all also the input topics (register events, baseline, reference data)."})
final class CleanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    StreamsCommand.StreamsOptions streamsOptions;

    @Option(names = "--all", description = "Also delete the input topics and their schemas.")
    boolean all;

    @Override
    public Integer call() throws Exception {
        List<String> internal = ResetCommand.reset(connection, streamsOptions.applicationId, streamsOptions.stateDir);
        FlytTopics topics = connection.topics();
        List<String> doomed = new ArrayList<>(topics.outputs().stream().map(TopicSpec::name).toList());
        if (all) {
            doomed.addAll(List.of(topics.registerEvents().name(), topics.baselinePersons().name(),
                topics.employmentEvents().name(), topics.municipalities().name()));
        }
        try (Admin admin = connection.admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> present = doomed.stream().filter(existing::contains).toList();
            if (!present.isEmpty()) {
                admin.deleteTopics(present).all().get(60, TimeUnit.SECONDS);
            }
            CachedSchemaRegistryClient registry = new CachedSchemaRegistryClient(connection.schemaRegistryUrl);
            List<String> subjects = registry.subjects();
            int deletedSubjects = 0;
            for (String topic : present) {
                for (String suffix : List.of("-key", "-value")) {
                    if (subjects.contains(topic + suffix)) {
                        registry.deleteSubject(topic + suffix);
                        deletedSubjects++;
                    }
                }
            }
            spec.commandLine().getOut().printf("Cleaned %s: %d internal topics, topics %s, %d schema subjects%n",
                streamsOptions.applicationId, internal.size(), present, deletedSubjects);
        }
        return 0;
    }
}
