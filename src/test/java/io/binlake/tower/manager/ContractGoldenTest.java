package io.binlake.tower.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binlake.tower.manager.simulator.InstanceSnapshot;
import io.binlake.tower.manager.simulator.ManagerSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Our encoding against the example bodies of the contract (§6), which the real manager accepted. */
class ContractGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Contract §6.1, verbatim. */
    static final String CREATE_BODY = """
            {"dbInfo":{"slaveId":1001,"host":"127.0.0.1","port":3306,"user":"repl","password":"repl","createTime":1764100000000,
              "state":"OFFLINE","rule":[{"storage":"MQ_STORAGE","convertClass":"com.jd.binlog.convert.ProtobufConverter",
              "any":"H4sIAAAAAAAAA7VSTW/bMAy972fouCWE0gIb4lvS+DC06IrUPaVBQNtMrVq2VEnOkBX576Py6QK9FgYMinzv8VHUuwjGqkIkIletxppWxpXkvBiIvypUmcPWYxGUaUWyRu3pkH+yJQaa0to4EklwHeetM2VXkLvR6D0LFqaB1xKirnmBYxWaN1CN1XCL6xpHUj4cWdxw35mJ2WR6l67+zGfpnLMWHYpk8S5q2nIRizqa26DuuLMYid3gVHL01pEPEFRDpgvQfABKKXvYHENRgVf/qIfpA/gPnpxCzRjXAxn3AmixqAjqOAPwnI1pz2CMlwXTbaCJc7h9vGhcxPdaXyefGxN8cGgja3PY5vkern6B5G+UjOX4qkcqtKI2gCp74I9vYnjmDq+v5U+xW/JjqFSg/XoC5vowQMQ+P8M+WC3kcLz8wZq0YflsayNa/L5/TOcZZ58eZpMs5WCW3qUcXCTbTuuByDUv/HRYs5cbo7umPWUq9NVttL8QbHwZHR0ZnzkKjV3B9y/3Eo+75e7bf4smSwBcAwAA"}],
              "metaVersion":0,"slaveUUID":"5f1e3a2c-9b7d-4c11-8a0e-3d2b6c4f7a10"},
             "slave":{"binlogFile":"mysql-bin.000003","binlogPos":154,"executedGtidSets":"","leader":"","leaderVersion":0,"binlogWhen":0,
              "transactionId":0,"instanceIp":"","withGTID":false,"preLeader":"","msgid":null},
             "master":null,"counter":null,"terminal":null,"candidate":["127.0.0.1","127.0.0.2"],
             "alarm":{"users":[{"phone":"","email":"dba@example.com"}],"retry":9,"kill":3},"error":null,"admin":null,
             "zk":{"servers":"127.0.0.1:2181","path":"/zk/wave3"}}
            """;

    /** Contract §6.1, the MQRule inside {@code any}, verbatim. */
    static final String CREATE_MQ_RULE = """
            {"topic":"binlake_orders","withTransaction":false,"withUpdateBefore":true,
             "producerClass":"com.jd.binlog.produce.mq.impl.Kafka100Producer","order":"TABLE_ORDER",
             "para":[{"key":"acks","value":"1"},{"key":"request.timeout.ms","value":"1000"},{"key":"batch.size","value":"0"},
              {"key":"key.serializer","value":"org.apache.kafka.common.serialization.ByteArraySerializer"},
              {"key":"value.serializer","value":"org.apache.kafka.common.serialization.ByteArraySerializer"},
              {"key":"bootstrap.servers","value":"127.0.0.1:9092"},{"key":"client.id","value":"binlake_orders-127.0.0.1-3306"}],
             "white":[{"table":"orders\\\\.order_[0-9]+","eventType":["INSERT","UPDATE","DELETE"],"white":null,"black":null,"fakeColumn":null,"hashKey":["id"]}],
             "black":[{"table":"orders\\\\.tmp_.*","eventType":["INSERT","UPDATE","DELETE"],"white":null,"black":null,"fakeColumn":null,"hashKey":null}]}
            """;

    static final ZK ZK3 = new ZK("127.0.0.1:2181", "/zk/wave3");

    private static ManagerSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = new ManagerSimulator(0).start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.stop();
    }

    /** §6.1 built through our API, the way Tower builds an onboarding. */
    static MetaData contractCreate() {
        MQRule mq = new MQRule("binlake_orders", false, true, MQRule.KAFKA_PRODUCER, OrderType.TABLE_ORDER,
                MQRule.kafkaProducerParas("127.0.0.1:9092", "binlake_orders", "127.0.0.1", 3306),
                List.of(new Filter("orders\\.order_[0-9]+", EventType.dml(), null, null, null, List.of("id"))),
                List.of(new Filter("orders\\.tmp_.*", EventType.dml(), null, null, null, null)));
        DbInfo db = new DbInfo(1001, "127.0.0.1", 3306, "repl", "repl", 1764100000000L, NodeState.OFFLINE,
                List.of(Rule.mq(Rule.PROTOBUF_CONVERTER, mq)), 0, "5f1e3a2c-9b7d-4c11-8a0e-3d2b6c4f7a10");
        return MetaData.create(ZK3, db, BinlogInfo.start("mysql-bin.000003", 154, "", false),
                List.of("127.0.0.1", "127.0.0.2"), Alarm.of(List.of(new User("", "dba@example.com"))));
    }

    @Test
    void contractAnyDecodesToTheMqRuleShown() throws Exception {
        JsonNode any = JSON.readTree(CREATE_BODY).at("/dbInfo/rule/0/any");

        assertThat(JSON.readTree(ManagerCodec.gunzip(Base64.getDecoder().decode(any.asText()))))
                .isEqualTo(JSON.readTree(CREATE_MQ_RULE));
    }

    @Test
    void ourCreateBodyHasExactlyTheLayoutOfContract61() throws Exception {
        ObjectNode ours = (ObjectNode) JSON.readTree(ManagerCodec.decodeBody(ManagerCodec.encode(contractCreate())));
        ObjectNode expected = (ObjectNode) JSON.readTree(CREATE_BODY);

        JsonNode ourAny = takeAny(ours);
        takeAny(expected);
        assertThat(ours).isEqualTo(expected);

        // Inside any: the same MQRule, except that we send [] where §6.1 has null lists (the wave calls size() on
        // a filter's eventType/white/black/hashKey lists: tower-spec §4.6.1).
        JsonNode expectedMq = nullListsAsEmpty(JSON.readTree(CREATE_MQ_RULE));
        assertThat(ourAny).isEqualTo(expectedMq);
    }

    @Test
    void contract61IsAcceptedByTheSimulatorsStrictReaderAndGivesTheLayoutOfContract4() throws Exception {
        HttpResponse<String> response = post("/create/znodes/", ManagerCodec.encodeBody(CREATE_BODY));

        assertThat(response.body()).isEqualTo("{\"code\":1000,\"message\":\"\"}\n");
        InstanceSnapshot node = simulator.snapshot("127.0.0.1:2181", "/zk/wave3", "127.0.0.1", 3306).orElseThrow();
        assertThat(node.state()).isEqualTo(NodeState.OFFLINE);
        assertThat(node.dbInfo().rule()).isNull();
        assertThat(node.ruleTree().keySet()).containsExactly(
                "MQ_STORAGE:binlake_orders",
                "MQ_STORAGE:binlake_orders/binlake_orders",
                "MQ_STORAGE:binlake_orders/binlake_orders/black:orders\\.tmp_.*",
                "MQ_STORAGE:binlake_orders/binlake_orders/white:orders\\.order_[0-9]+");
        assertThat(node.ruleTree().get("MQ_STORAGE:binlake_orders").path("any").isNull()).isTrue();
        assertThat(node.ruleTree().get("MQ_STORAGE:binlake_orders/binlake_orders").path("white").isNull()).isTrue();
        assertThat(node.candidates()).containsExactly("127.0.0.1", "127.0.0.2");
        assertThat(node.counter()).isEqualTo(Counter.ZERO);
        assertThat(node.error()).isEqualTo(ErrorInfo.NONE);
        assertThat(node.alarm()).isEqualTo(new Alarm(List.of(new User("", "dba@example.com")), 9, 3));
        assertThat(node.dynamic()).isEqualTo(BinlogInfo.start("mysql-bin.000003", 154, "", false));
        assertThat(node.leader()).isNull();
        assertThat(node.terminal()).isNull();

        // Our own encoding of the same onboarding, sent again: accepted on the update path.
        new ManagerClient(ManagerProperties.of(simulator.url())).createZnodes(contractCreate());
        InstanceSnapshot after = simulator.snapshot("127.0.0.1:2181", "/zk/wave3", "127.0.0.1", 3306).orElseThrow();
        // §3.1.4: rules with filters never compare equal, so the repeat cycles the node and it ends ONLINE.
        assertThat(after.state()).isEqualTo(NodeState.ONLINE);
        assertThat(after.stateWrites()).containsExactly(NodeState.OFFLINE, NodeState.ONLINE);
        assertThat(after.version()).isEqualTo(1);
    }

    @Test
    void contract62BodiesDecodeStrictly() throws Exception {
        ObjectMapper strict = ManagerCodec.strictMapper();
        for (String body : List.of(
                "{\"dbInfo\":{\"host\":\"127.0.0.1\",\"port\":3306},\"zk\":{\"servers\":\"127.0.0.1:2181\",\"path\":\"/zk/wave3\"}}",
                "{\"dbInfo\":{\"host\":\"127.0.0.1\",\"port\":3306},\"slave\":{\"binlogFile\":\"mysql-bin.000007\",\"binlogPos\":4,\"executedGtidSets\":\"\"},\"zk\":{\"servers\":\"127.0.0.1:2181\",\"path\":\"/zk/wave3\"}}",
                "{\"dbInfo\":{\"host\":\"127.0.0.1\",\"port\":3306},\"slave\":{\"leader\":\"127.0.0.2\"},\"zk\":{\"servers\":\"127.0.0.1:2181\",\"path\":\"/zk/wave3\"}}",
                "{\"dbInfo\":{\"host\":\"127.0.0.1\",\"port\":3306},\"candidate\":[\"127.0.0.2\",\"127.0.0.3\"],\"zk\":{\"servers\":\"127.0.0.1:2181\",\"path\":\"/zk/wave3\"}}",
                "{\"dbInfo\":{\"host\":\"127.0.0.1\",\"port\":3306},\"terminal\":{\"binlogFile\":\"mysql-bin.000009\",\"binlogPos\":1200,\"gtid\":\"\",\"newHost\":[\"127.0.0.1:3307\"]},\"zk\":{\"servers\":\"127.0.0.1:2181\",\"path\":\"/zk/wave3\"}}",
                "{\"admin\":{\"mail\":{\"url\":\"http://127.0.0.1:8025/mail\"},\"phone\":{\"url\":\"http://127.0.0.1:8025/sms\"},\"users\":[{\"phone\":\"\",\"email\":\"admin@example.com\"}]},\"zk\":{\"servers\":\"127.0.0.1:2181\",\"path\":\"/zk/wave3\"}}",
                CREATE_BODY)) {
            MetaData meta = strict.readValue(body, MetaData.class);
            assertThat(meta.zk()).isEqualTo(ZK3);
        }
    }

    @Test
    void contract63StatusAnswerDecodes() throws Exception {
        // §6.3 with a real any (the contract abbreviates it).
        String any = Base64.getEncoder().encodeToString(ManagerCodec.gzip(
                "{\"topic\":\"binlake_orders\",\"withTransaction\":false,\"withUpdateBefore\":true,\"producerClass\":\"x\",\"order\":\"TABLE_ORDER\",\"para\":[],\"white\":[],\"black\":[]}".getBytes()));
        String status = """
                {"dbInfo":{"slaveId":1001,"host":"127.0.0.1","port":3306,"user":"repl","password":"repl","createTime":1764100000000,"state":"ONLINE",
                  "rule":[{"storage":"MQ_STORAGE","convertClass":"com.jd.binlog.convert.ProtobufConverter","any":"%s"}],
                  "metaVersion":0,"slaveUUID":"5f1e3a2c-9b7d-4c11-8a0e-3d2b6c4f7a10"},
                 "slave":{"binlogFile":"mysql-bin.000007","binlogPos":8812,"executedGtidSets":"","leader":"10.1.2.3:8083","leaderVersion":3,
                  "binlogWhen":1764101234,"transactionId":0,"instanceIp":"127.0.0.1","withGTID":false,"preLeader":"","msgid":null},
                 "master":null,"counter":{"retryTimes":10,"killTimes":0},"terminal":null,"candidate":["127.0.0.2","127.0.0.3"],
                 "alarm":null,"error":{"code":2003,"msg":"Y29ubmVjdCAxMjcuMC4wLjE6MzMwNiByZWZ1c2Vk"},"admin":null,
                 "zk":{"servers":"127.0.0.1:2181","path":"/zk/wave3"}}
                """.formatted(any);

        MetaData meta = ManagerCodec.decode(ManagerCodec.encodeBody(status) + "\n");

        assertThat(meta.dbInfo().state()).isEqualTo(NodeState.ONLINE);
        assertThat(meta.dbInfo().rule().get(0).mqRule().topic()).isEqualTo("binlake_orders");
        assertThat(meta.slave().binlogPos()).isEqualTo(8812);
        assertThat(meta.counter()).isEqualTo(new Counter(10, 0));
        assertThat(meta.error().text()).isEqualTo("connect 127.0.0.1:3306 refused");
        assertThat(meta.candidate()).containsExactly("127.0.0.2", "127.0.0.3");
    }

    @Test
    void realManagersAdminSerializationIsToleratedWhenDecodingAnAnswer() {
        String status = "{\"dbInfo\":{\"host\":\"h\",\"port\":1},\"admin\":{\"mailParas\":{},\"phoneParas\":{},\"users\":[],"
                + "\"adminMails\":[],\"adminPhones\":[]},\"zk\":{\"servers\":\"z:1\",\"path\":\"/r\"}}";

        assertThat(ManagerCodec.decode(ManagerCodec.encodeBody(status)).admin().users()).isEmpty();
    }

    private static JsonNode takeAny(ObjectNode body) throws Exception {
        ObjectNode rule = (ObjectNode) body.at("/dbInfo/rule/0");
        JsonNode mq = JSON.readTree(ManagerCodec.gunzip(Base64.getDecoder().decode(rule.get("any").asText())));
        rule.putNull("any");
        return mq;
    }

    private static JsonNode nullListsAsEmpty(JsonNode mqRule) {
        for (String side : List.of("white", "black")) {
            for (JsonNode filter : mqRule.path(side)) {
                for (String list : List.of("eventType", "white", "black", "fakeColumn", "hashKey")) {
                    if (filter.path(list).isNull()) {
                        ((ObjectNode) filter).set(list, JSON.createArrayNode());
                    }
                }
            }
        }
        return mqRule;
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulator.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
