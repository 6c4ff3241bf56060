package io.binlake.tower.manager;

import java.util.List;

/**
 * What the wave publishes to one Kafka topic. Travels gzip'ed inside {@link Rule#any()}.
 *
 * @param para Kafka producer properties, see {@link #kafkaProducerParas}
 */
public record MQRule(String topic, boolean withTransaction, boolean withUpdateBefore, String producerClass,
                     OrderType order, List<Pair> para, List<Filter> white, List<Filter> black) {

    /** The only producer binlake-wave ships; its constructor is {@code (List<Pair> para, String topic)}. */
    public static final String KAFKA_PRODUCER = "com.jd.binlog.produce.mq.impl.Kafka100Producer";

    private static final String BYTE_ARRAY_SERIALIZER = "org.apache.kafka.common.serialization.ByteArraySerializer";

    /**
     * The producer properties binlake-web sends for a topic of an instance (contract §2, MQRule), with the client id
     * {@code <topic>-<host>-<port>}.
     */
    public static List<Pair> kafkaProducerParas(String bootstrapServers, String topic, String host, int port) {
        return List.of(
                new Pair("acks", "1"),
                new Pair("request.timeout.ms", "1000"),
                new Pair("batch.size", "0"),
                new Pair("key.serializer", BYTE_ARRAY_SERIALIZER),
                new Pair("value.serializer", BYTE_ARRAY_SERIALIZER),
                new Pair("bootstrap.servers", bootstrapServers),
                new Pair("client.id", topic + "-" + host + "-" + port));
    }

    /** This rule with every null list (its own and its filters') replaced by an empty one (tower-spec §4.6.1). */
    public MQRule normalized() {
        return new MQRule(topic, withTransaction, withUpdateBefore, producerClass, order, Filter.orEmpty(para),
                normalize(white), normalize(black));
    }

    private static List<Filter> normalize(List<Filter> filters) {
        return filters == null ? List.of() : filters.stream().map(Filter::normalized).toList();
    }
}
