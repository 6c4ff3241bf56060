package io.binlake.tower.manager;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagerCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Contract §1: the verified minimal body, sent with curl to the real manager. */
    static final String CONTRACT_MINIMAL_BODY = "1f8b0800000000000003ab564a49f2cc4bcb57b2aa56cac82f2e51b252323432d733004243251da582fc22a090b1b18159ad8e5255364855716a51596a5131b2422b23430bb0eac4920ca0b87e55b67e796259aab1526d2d00b61a713060000000";

    @Test
    void contractMinimalBodyDecodesToTheJsonShown() throws Exception {
        String json = ManagerCodec.decodeBody(CONTRACT_MINIMAL_BODY);

        assertThat(JSON.readTree(json)).isEqualTo(JSON.readTree(
                "{\"dbInfo\":{\"host\":\"127.0.0.1\",\"port\":3306},\"zk\":{\"servers\":\"127.0.0.1:2181\",\"path\":\"/zk/wave3\"}}"));
        MetaData meta = ManagerCodec.decode(CONTRACT_MINIMAL_BODY);
        assertThat(meta.dbInfo().instanceKey()).isEqualTo("127.0.0.1:3306");
        assertThat(meta.zk()).isEqualTo(new ZK("127.0.0.1:2181", "/zk/wave3"));
    }

    @Test
    void bodyIsLowerCaseHexOfGzip() {
        String body = ManagerCodec.encode(MetaData.key(new ZK("127.0.0.1:2181", "/zk/wave3"), "127.0.0.1", 3306));

        assertThat(body).matches("[0-9a-f]+").startsWith("1f8b08");
        assertThat(body.length() % 2).isZero();
    }

    @Test
    void decodingIgnoresCaseAndLineBreaksLikeTheManager() {
        String body = ManagerCodec.encode(MetaData.key(new ZK("zk:2181", "/zk/wave3"), "db1", 3306));
        String mangled = body.substring(0, 20).toUpperCase() + "\r\n" + body.substring(20, 50) + "\n" + body.substring(50) + "\n";

        assertThat(ManagerCodec.decode(mangled).dbInfo().host()).isEqualTo("db1");
    }

    @Test
    void keyBodyCarriesNoNullListAndNoEnumName() throws Exception {
        String json = ManagerCodec.toJson(MetaData.key(new ZK("zk:2181", "/zk/wave3"), "db1", 3306));
        var tree = JSON.readTree(json);

        assertThat(tree.path("candidate").isArray()).isTrue();
        assertThat(tree.path("candidate")).isEmpty();
        assertThat(tree.path("dbInfo").path("rule").isArray()).isTrue();
        assertThat(tree.path("dbInfo").path("state").isNull()).isTrue(); // never "" (an invalid enum name)
        assertThat(tree.path("master").isNull()).isTrue();
    }

    @Test
    void answersAreToldApartFromMetaDataByTheirFirstCharacter() {
        assertThat(ManagerCodec.isAnswer("{\"code\":1000,\"message\":\"\"}\n")).isTrue();
        assertThat(ManagerCodec.isAnswer("1f8b0800\n")).isFalse();

        assertThat(ManagerCodec.parseAnswer("{\"code\":115,\"message\":\"znode : h:1 not exist\"}\n"))
                .isEqualTo(new ManagerCodec.Answer(115, "znode : h:1 not exist"));
        assertThat(ManagerCodec.parseAnswer("{\"code\":1000,\"message\":\"\"}").success()).isTrue();
        assertThatThrownBy(() -> ManagerCodec.parseAnswer("{\"message\":\"x\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ManagerCodec.parseAnswer("{oops")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void undecodableBodiesAreIllegalArguments() {
        assertThatThrownBy(() -> ManagerCodec.decodeBody("xyz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a hex body");
        assertThatThrownBy(() -> ManagerCodec.decodeBody("abcd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not in GZIP format");
        String notMeta = ManagerCodec.encodeBody("[1,2]");
        assertThatThrownBy(() -> ManagerCodec.decode(notMeta)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a MetaData JSON");
    }

    @Test
    void ruleAnyIsGzipOfTheMqRuleJsonAndBase64OnTheWire() throws Exception {
        MQRule mq = new MQRule("t1", false, false, MQRule.KAFKA_PRODUCER, OrderType.INSTANCE_ORDER,
                MQRule.kafkaProducerParas("k:9092", "t1", "db1", 3306), List.of(Filter.of("a\\.b", EventType.dml())), null);
        Rule rule = Rule.mq(Rule.PROTOBUF_CONVERTER, mq);

        assertThat(HexFormat.of().formatHex(rule.any())).startsWith("1f8b08");
        var mqJson = JSON.readTree(ManagerCodec.gunzip(rule.any()));
        assertThat(mqJson.path("black").isArray()).isTrue(); // null list → []
        assertThat(mqJson.at("/para/6/value").asText()).isEqualTo("t1-db1-3306");
        assertThat(rule.mqRule()).isEqualTo(mq.normalized());

        MetaData withRule = new MetaData(DbInfo.key("db1", 3306).withRules(List.of(rule)), null, null, null, null,
                null, null, null, null, new ZK("zk:1", "/r"));
        var ruleJson = JSON.readTree(ManagerCodec.toJson(withRule)).at("/dbInfo/rule/0");
        assertThat(ruleJson.path("any").isTextual()).isTrue();
        assertThat(java.util.Base64.getDecoder().decode(ruleJson.path("any").asText())).isEqualTo(rule.any());
        assertThat(ruleJson.path("storage").asText()).isEqualTo("MQ_STORAGE");
    }

    @Test
    void recordsNeverPrintThePassword() {
        DbInfo db = new DbInfo(1, "db1", 3306, "repl", "s3cret", 0, NodeState.OFFLINE, List.of(), 0, "");
        MetaData meta = MetaData.create(new ZK("zk:1", "/r"), db, BinlogInfo.start("mysql-bin.000001", 4, null, false),
                List.of("10.0.0.1"), null);

        assertThat(meta.toString()).doesNotContain("s3cret").contains("password=***");
    }
}
