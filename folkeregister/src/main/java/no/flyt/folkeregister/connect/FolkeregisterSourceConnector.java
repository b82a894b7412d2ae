package no.flyt.folkeregister.connect;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Reads the Folkeregister's event feed into flyt's register-events topic. The feed is one sequence, so there is one
 * task; its source offset is the sequence number, and with the worker's exactly-once source support the offset is
 * committed in the same transaction as the records it covers.
 */
public final class FolkeregisterSourceConnector extends SourceConnector {

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new FolkeregisterSourceConfig(props); // fails early on a bad configuration
        this.props = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FolkeregisterSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return FolkeregisterSourceConfig.DEFINITION;
    }

    @Override
    public String version() {
        return FolkeregisterSourceTask.VERSION;
    }
}
