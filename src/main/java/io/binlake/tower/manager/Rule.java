package io.binlake.tower.manager;

import java.util.Arrays;
import java.util.Base64;

/**
 * One rule of an instance (one child znode per topic).
 *
 * @param any for {@link StorageType#MQ_STORAGE}: gzip(JSON({@link MQRule})); base64 on the wire. Build it with
 *            {@link #mq(String, MQRule)}.
 */
public record Rule(StorageType storage, String convertClass, byte[] any) {

    public static final String PROTOBUF_CONVERTER = "com.jd.binlog.convert.ProtobufConverter";
    public static final String AVRO_CONVERTER = "com.jd.binlog.convert.AvroConverter";

    /** An MQ rule; null lists inside the MQRule are sent as {@code []} (the wave NPEs on null lists). */
    public static Rule mq(String convertClass, MQRule mqRule) {
        return new Rule(StorageType.MQ_STORAGE, convertClass, ManagerCodec.encodeMqRule(mqRule.normalized()));
    }

    /** Decodes {@link #any()} (gzip JSON); fields the MQRule does not know are ignored. */
    public MQRule mqRule() {
        if (any == null) {
            return null;
        }
        return ManagerCodec.decodeMqRule(any);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rule r && r.storage == storage && java.util.Objects.equals(r.convertClass, convertClass)
                && Arrays.equals(r.any, any);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(storage, convertClass) * 31 + Arrays.hashCode(any);
    }

    @Override
    public String toString() {
        return "Rule[storage=" + storage + ", convertClass=" + convertClass + ", any="
                + (any == null ? "null" : Base64.getEncoder().encodeToString(any)) + "]";
    }
}
