package io.binlake.tower.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * A real one-node Kafka broker (KRaft, broker+controller) inside Tower's JVM, on a fixed port that outside clients
 * can use. Only the local profile runs it. It starts while the context is built, before KafkaAdmin creates topics
 * (after all singletons exist) and before any listener or producer connects.
 */
public class LocalKafkaBroker implements InitializingBean, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);
    private final LocalKafkaProperties properties;
    private KafkaRaftServer server;

    public LocalKafkaBroker(LocalKafkaProperties properties) {
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() throws Exception {
        Path dir = Path.of(properties.dataDir()).toAbsolutePath();
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + properties.port() + ",CONTROLLER://127.0.0.1:"
                + properties.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + properties.port());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + properties.controllerPort());
        p.put("log.dirs", dir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "3");
        KafkaConfig config = KafkaConfig.fromProps(p, false);
        if (!Files.exists(dir.resolve("meta.properties"))) {
            new Formatter().setPrintStream(System.out).setNodeId(1).setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(java.util.List.of(dir.toString())).setMetadataLogDirectory(dir.toString())
                    .setControllerListenerName("CONTROLLER").setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        }
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        log.info("Local Kafka broker (KRaft) listening on 127.0.0.1:{}, data in {}", properties.port(), dir);
    }

    @Override
    public void destroy() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }
}
