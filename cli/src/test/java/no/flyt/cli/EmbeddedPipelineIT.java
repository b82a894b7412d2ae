package no.flyt.cli;

import no.flyt.embedded.testing.EmbeddedStackExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The end-to-end scenario on the embedded stack: a KRaft broker and Apicurio Registry as child processes. */
class EmbeddedPipelineIT extends PipelineScenario {

    @RegisterExtension
    static final EmbeddedStackExtension stack = new EmbeddedStackExtension();

    @Override
    protected String bootstrapServers() {
        return stack.bootstrapServers();
    }

    @Override
    protected String schemaRegistryUrl() {
        return stack.schemaRegistryUrl();
    }
}
