package no.flyt.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import no.flyt.embedded.Directories;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Resets the streams app for reprocessing from the start of its input: deletes its consumer group offsets, its
 * internal (changelog and repartition) topics and its local state. The app must be stopped.
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
    description = {"Reset the streams app to reprocess its input from the beginning.",
        "Deletes its committed offsets, internal topics and local state. Stop every instance first."})
final class ResetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    StreamsCommand.StreamsOptions streamsOptions;

    @Override
    public Integer call() throws Exception {
        List<String> deleted = reset(connection, streamsOptions.applicationId, streamsOptions.stateDir);
        spec.commandLine().getOut().printf("Reset %s: deleted offsets, %d internal topics %s and local state in %s%n",
            streamsOptions.applicationId, deleted.size(), deleted, streamsOptions.stateDir.resolve(streamsOptions.applicationId));
        return 0;
    }

    static List<String> reset(ConnectionOptions connection, String applicationId, Path stateDir)
        throws ExecutionException, InterruptedException, TimeoutException, IOException {
        try (Admin admin = connection.admin()) {
            try {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId))
                    .describedGroups().get(applicationId).get(30, TimeUnit.SECONDS);
                if (!group.members().isEmpty()) {
                    throw new IllegalStateException("application " + applicationId + " still has " + group.members().size()
                        + " running member(s): stop every instance before resetting");
                }
                admin.deleteConsumerGroups(List.of(applicationId)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
            }
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> internal = topics.stream()
                .filter(t -> t.startsWith(applicationId + "-") && (t.endsWith("-changelog") || t.endsWith("-repartition")))
                .sorted()
                .toList();
            if (!internal.isEmpty()) {
                admin.deleteTopics(internal).all().get(60, TimeUnit.SECONDS);
            }
            Directories.deleteRecursively(stateDir.resolve(applicationId));
            return internal;
        }
    }

    @Option(names = "--yes", hidden = true, description = "Accepted for scripts; reset never asks.")
    boolean yes;
}
