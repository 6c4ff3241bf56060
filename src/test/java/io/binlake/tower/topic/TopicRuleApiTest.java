package io.binlake.tower.topic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlake.tower.common.Ids;
import io.binlake.tower.testsupport.ApiClient.Response;
import io.binlake.tower.testsupport.TowerIntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TopicRuleApiTest extends TowerIntegrationTest {
    @Autowired
    TopicRuleCatalog catalog;
    @Autowired
    TopicRuleFilterRepository bindings;

    /** A group with a creator, an admin, a plain user, and an outsider who is in no group. */
    record Team(String group, String groupId, String creator, String admin, String user, String outsider) {
        String rules() {
            return "/api/v1/groups/" + group + "/topic-rules";
        }
    }

    Team team() {
        String creator = users.user(unique("creator"));
        String admin = users.user(unique("admin"));
        String user = users.user(unique("user"));
        String outsider = users.user(unique("outsider"));
        String group = unique("grp");
        assertThat(as(creator).post("/api/v1/groups", Map.of("name", group)).status()).isEqualTo(201);
        join(group, creator, admin, "admin");
        join(group, creator, user, "user");
        return new Team(group, Ids.md5(group), creator, admin, user, outsider);
    }

    void join(String group, String byAdmin, String userId, String role) {
        assertThat(as(byAdmin).post("/api/v1/groups/" + group + "/members", Map.of("userId", userId, "role", role))
                .status()).isEqualTo(201);
    }

    String filter(Team t, String type) {
        String regex = unique("db") + "\\.t";
        var r = as(t.creator()).post("/api/v1/groups/" + t.group() + "/filters",
                Map.of("name", "f " + regex, "type", type, "tableRegex", regex));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    static Map<String, Object> rule(String topic, String... filterIds) {
        Map<String, Object> body = new HashMap<>();
        body.put("topic", topic);
        body.put("name", "rule for " + topic);
        body.put("filterIds", List.of(filterIds));
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    static List<String> filterIds(JsonNode rule) {
        List<String> ids = new ArrayList<>();
        rule.path("filters").forEach(f -> ids.add(f.path("id").asText()));
        return ids;
    }

    @Test
    void createsRuleWithTheOriginalIdsAndDefaults() {
        Team t = team();
        String white = filter(t, "WHITE");
        String black = filter(t, "BLACK");
        String topic = unique("orders.binlog-");
        var r = as(t.creator()).post(t.rules(), rule(topic, white, black, white));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode rule = r.json();
        String id = Ids.md5(topic + t.groupId());
        assertThat(rule.path("id").asText()).isEqualTo(id);
        assertThat(rule.path("group").asText()).isEqualTo(t.group());
        assertThat(rule.path("topic").asText()).isEqualTo(topic);
        assertThat(rule.path("name").asText()).isEqualTo("rule for " + topic);
        assertThat(rule.path("producerClass").asText()).isEqualTo("com.jd.binlog.produce.mq.impl.Kafka100Producer");
        assertThat(rule.path("withTransaction").asBoolean()).isFalse();
        assertThat(rule.path("orderType").asText()).isEqualTo("INSTANCE_ORDER");
        assertThat(rule.path("producerProperties").size()).isZero();
        assertThat(filterIds(rule)).containsExactlyInAnyOrder(white, black);
        JsonNode bound = rule.path("filters").get(0);
        assertThat(bound.path("name").asText()).startsWith("f ");
        assertThat(bound.has("type") && bound.has("tableRegex") && bound.has("groupId")).isTrue();
        assertThat(bindings.existsById(Ids.md5(id + white))).isTrue();
        assertThat(bindings.existsById(Ids.md5(id + black))).isTrue();

        TopicRuleSpec spec = catalog.find(id).orElseThrow();
        assertThat(spec.filterIds()).containsExactlyInAnyOrder(white, black);
        assertThat(spec.orderType()).isEqualTo("INSTANCE_ORDER");
        assertThat(catalog.findByGroupAndTopic(t.groupId(), topic)).contains(spec);
        assertThat(catalog.findByGroupAndTopic(t.groupId(), topic + "x")).isEmpty();
        assertThat(catalog.byIds(List.of("none", id))).containsExactly(spec);

        var dup = as(t.admin()).post(t.rules(), rule(topic));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.code()).isEqualTo("TOPIC_RULE_EXISTS");
        assertThat(as(t.admin()).post(t.rules(), rule(topic.toUpperCase())).code()).isEqualTo("TOPIC_RULE_EXISTS");
        // The same topic in another group is another rule.
        Team other = team();
        var elsewhere = as(other.creator()).post(other.rules(), rule(topic));
        assertThat(elsewhere.status()).isEqualTo(201);
        assertThat(elsewhere.json().path("id").asText()).isEqualTo(Ids.md5(topic + other.groupId()));
    }

    @Test
    void rulesWithoutFiltersAreListedAndSettingsAreKept() {
        Team t = team();
        String topic = unique("t_");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("linger.ms", "5");
        props.put("acks", "all");
        props.put("compression.type", "lz4");
        Map<String, Object> body = rule(topic);
        body.remove("filterIds");
        body.put("withTransaction", true);
        body.put("orderType", "business_key_order");
        body.put("producerProperties", props);
        var r = as(t.admin()).post(t.rules(), body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("withTransaction").asBoolean()).isTrue();
        assertThat(r.json().path("orderType").asText()).isEqualTo("BUSINESS_KEY_ORDER");

        var list = as(t.user()).get(t.rules() + "?topic=" + topic).json();
        assertThat(list.path("total").asInt()).isEqualTo(1);
        JsonNode listed = list.path("items").get(0);
        assertThat(listed.path("filters").size()).isZero();
        List<String> keys = new ArrayList<>();
        listed.path("producerProperties").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("linger.ms", "acks", "compression.type");
        assertThat(new ArrayList<>(catalog.find(listed.path("id").asText()).orElseThrow().producerProperties()
                .keySet())).containsExactly("linger.ms", "acks", "compression.type");
        assertThat(as(t.user()).get(t.rules() + "?topic=zz" + topic).json().path("total").asInt()).isZero();
    }

    @Test
    void badFieldsAreAnswered400NamingTheField() {
        Team t = team();
        String topic = unique("t");
        Map<String, Object> ok = rule(topic);
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("topic", with(ok, "topic", "bad topic"));
        cases.put("topic/dot", with(ok, "topic", "."));
        cases.put("topic/dotdot", with(ok, "topic", ".."));
        cases.put("topic/slash", with(ok, "topic", "a/b"));
        cases.put("topic/long", with(ok, "topic", "t".repeat(201)));
        cases.put("topic/missing", with(ok, "topic", null));
        cases.put("name", with(ok, "name", ""));
        cases.put("orderType", with(ok, "orderType", "RANDOM_ORDER"));
        cases.put("producerClass", with(ok, "producerClass", "not a class!"));
        cases.put("producerProperties", with(ok, "producerProperties", Map.of("bootstrap.servers", "k:9092")));
        cases.put("producerProperties/clientid", with(ok, "producerProperties", Map.of("client.id", "x")));
        cases.put("producerProperties/serializer", with(ok, "producerProperties",
                Map.of("value.serializer", "org.apache.kafka.common.serialization.StringSerializer")));
        cases.put("producerProperties/key", with(ok, "producerProperties", Map.of("Linger.MS", "5")));
        cases.put("producerProperties/credentials", with(ok, "producerProperties",
                Map.of("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;")));
        cases.put("producerProperties/password", with(ok, "producerProperties",
                Map.of("ssl.truststore.password", "x")));
        HashMap<String, String> nullValue = new HashMap<>();
        nullValue.put("acks", null);
        cases.put("producerProperties/null", with(ok, "producerProperties", nullValue));
        cases.put("filterIds", with(ok, "filterIds", java.util.Arrays.asList("abc", null)));
        cases.forEach((field, body) -> {
            var r = as(t.creator()).post(t.rules(), body);
            assertThat(r.status()).as(field + ": " + r).isEqualTo(400);
            assertThat(r.code()).as(field).isEqualTo("VALIDATION_FAILED");
            assertThat(r.json().path("details").path("fields").has(field.split("/")[0])).as(field + ": " + r)
                    .isTrue();
        });
        assertThat(as(t.creator()).post(t.rules(), with(ok, "producerProperties", Map.of("acks", Map.of())))
                .status()).isEqualTo(400);
        assertThat(as(t.creator()).postRaw(t.rules(), "{\"topic\":").code()).isEqualTo("MALFORMED_REQUEST");

        var unknownFilter = as(t.creator()).post(t.rules(), rule(topic, "0123456789abcdef0123456789abcdef"));
        assertThat(unknownFilter.status()).isEqualTo(404);
        assertThat(unknownFilter.code()).isEqualTo("FILTER_NOT_FOUND");
        assertThat(unknownFilter.json().path("details").path("id").asText())
                .isEqualTo("0123456789abcdef0123456789abcdef");
        // Nothing was stored by the refused calls.
        assertThat(as(t.creator()).get(t.rules()).json().path("total").asInt()).isZero();
    }

    @Test
    void updateReplacesSettingsAndFiltersButNeverTheTopic() {
        Team t = team();
        String f1 = filter(t, "WHITE");
        String f2 = filter(t, "WHITE");
        String f3 = filter(t, "BLACK");
        String topic = unique("t");
        String id = as(t.creator()).post(t.rules(), rule(topic, f1, f2)).json().path("id").asText();

        Map<String, String> props = new LinkedHashMap<>();
        props.put("retries", "3");
        props.put("acks", "all");
        Map<String, Object> change = new HashMap<>();
        change.put("name", "renamed");
        change.put("producerClass", "com.example.OtherProducer");
        change.put("withTransaction", true);
        change.put("orderType", "TABLE_ORDER");
        change.put("producerProperties", props);
        change.put("filterIds", List.of(f2, f3));
        var r = as(t.admin()).put("/api/v1/topic-rules/" + id, change);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode rule = r.json();
        assertThat(rule.path("id").asText()).isEqualTo(id);
        assertThat(rule.path("topic").asText()).isEqualTo(topic);
        assertThat(rule.path("name").asText()).isEqualTo("renamed");
        assertThat(rule.path("producerClass").asText()).isEqualTo("com.example.OtherProducer");
        assertThat(rule.path("withTransaction").asBoolean()).isTrue();
        assertThat(rule.path("orderType").asText()).isEqualTo("TABLE_ORDER");
        assertThat(rule.path("producerProperties").path("retries").asText()).isEqualTo("3");
        assertThat(filterIds(rule)).containsExactlyInAnyOrder(f2, f3);
        assertThat(bindings.existsById(Ids.md5(id + f1))).isFalse();
        assertThat(bindings.existsById(Ids.md5(id + f3))).isTrue();
        assertThat(catalog.find(id).orElseThrow().filterIds()).containsExactlyInAnyOrder(f2, f3);

        // Repeating the topic is fine; changing it is refused with the field.
        assertThat(as(t.admin()).put("/api/v1/topic-rules/" + id, with(change, "topic", topic)).status())
                .isEqualTo(200);
        var moved = as(t.admin()).put("/api/v1/topic-rules/" + id, with(change, "topic", topic + "2"));
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.json().path("details").path("fields").has("topic")).isTrue();
        assertThat(as(t.admin()).put("/api/v1/topic-rules/" + id, with(change, "orderType", "x")).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(as(t.admin()).put("/api/v1/topic-rules/" + id,
                with(change, "filterIds", List.of(f2, "0123456789abcdef0123456789abcdef"))).code())
                .isEqualTo("FILTER_NOT_FOUND");

        // Omitted settings go back to their defaults; an empty filter list unbinds every filter.
        var reset = as(t.admin()).put("/api/v1/topic-rules/" + id, Map.of("name", "bare", "filterIds", List.of()));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(reset.json().path("orderType").asText()).isEqualTo("INSTANCE_ORDER");
        assertThat(reset.json().path("withTransaction").asBoolean()).isFalse();
        assertThat(reset.json().path("filters").size()).isZero();
        assertThat(reset.json().path("producerProperties").size()).isZero();
    }

    @Test
    void permissionsFollowTheGroupRoles() {
        Team t = team();
        String root = users.superAdmin(unique("root"));
        String topic = unique("t");
        assertThat(anonymous().post(t.rules(), rule(topic)).status()).isEqualTo(401);
        assertThat(anonymous().get("/api/v1/topic-rules").status()).isEqualTo(401);
        assertThat(as(t.user()).post(t.rules(), rule(topic)).code()).isEqualTo("FORBIDDEN");
        assertThat(as(t.outsider()).post(t.rules(), rule(topic)).status()).isEqualTo(403);
        assertThat(as(t.creator()).post("/api/v1/groups/" + unique("nogroup") + "/topic-rules", rule(topic)).code())
                .isEqualTo("GROUP_NOT_FOUND");

        String byCreator = as(t.creator()).post(t.rules(), rule(topic)).json().path("id").asText();
        String byAdmin = as(t.admin()).post(t.rules(), rule(topic + "a")).json().path("id").asText();
        assertThat(as(root).post(t.rules(), rule(topic + "r")).status()).isEqualTo(201);

        assertThat(as(t.user()).get(t.rules()).json().path("total").asInt()).isEqualTo(3);
        assertThat(as(root).get(t.rules()).json().path("total").asInt()).isEqualTo(3);
        assertThat(as(t.outsider()).get(t.rules()).code()).isEqualTo("FORBIDDEN");
        assertThat(as(t.user()).get("/api/v1/topic-rules/" + byCreator).status()).isEqualTo(200);
        assertThat(as(t.outsider()).get("/api/v1/topic-rules/" + byCreator).status()).isEqualTo(403);
        assertThat(as(root).get("/api/v1/topic-rules/" + byCreator).status()).isEqualTo(200);

        Map<String, Object> change = Map.of("name", "changed");
        assertThat(as(t.user()).put("/api/v1/topic-rules/" + byCreator, change).status()).isEqualTo(403);
        assertThat(as(t.outsider()).put("/api/v1/topic-rules/" + byCreator, change).status()).isEqualTo(403);
        assertThat(as(t.admin()).put("/api/v1/topic-rules/" + byCreator, change).status()).isEqualTo(200);
        assertThat(as(root).put("/api/v1/topic-rules/" + byCreator, change).status()).isEqualTo(200);
        assertThat(as(t.user()).delete("/api/v1/topic-rules/" + byAdmin).status()).isEqualTo(403);
        assertThat(as(t.outsider()).delete("/api/v1/topic-rules/" + byAdmin).status()).isEqualTo(403);
        assertThat(as(t.creator()).delete("/api/v1/topic-rules/" + byAdmin).status()).isEqualTo(204);
        assertThat(as(root).delete("/api/v1/topic-rules/" + byCreator).status()).isEqualTo(204);
        assertThat(as(t.user()).get(t.rules()).json().path("total").asInt()).isEqualTo(1);

        for (Response r : List.of(as(t.creator()).get("/api/v1/topic-rules/" + byAdmin),
                as(t.creator()).put("/api/v1/topic-rules/" + byAdmin, change),
                as(t.creator()).delete("/api/v1/topic-rules/" + byAdmin))) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("TOPIC_RULE_NOT_FOUND");
            assertThat(r.json().path("details").path("id").asText()).isEqualTo(byAdmin);
        }
    }

    @Test
    void filtersOfOtherGroupsBindOnlyWhenTheCallerAdministersThem() {
        Team home = team();
        Team administered = team();
        Team memberOnly = team();
        Team foreign = team();
        String me = home.admin();
        join(administered.group(), administered.creator(), me, "admin");
        join(memberOnly.group(), memberOnly.creator(), me, "user");
        String ownFilter = filter(home, "WHITE");
        String administeredFilter = filter(administered, "WHITE");
        String memberOnlyFilter = filter(memberOnly, "WHITE");
        String foreignFilter = filter(foreign, "BLACK");

        var ok = as(me).post(home.rules(), rule(unique("t"), ownFilter, administeredFilter));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        JsonNode crossGroup = ok.json().path("filters");
        assertThat(filterIds(ok.json())).containsExactlyInAnyOrder(ownFilter, administeredFilter);
        crossGroup.forEach(f -> assertThat(f.path("groupId").asText()).isIn(home.groupId(), administered.groupId()));

        for (String notMine : List.of(memberOnlyFilter, foreignFilter)) {
            var refused = as(me).post(home.rules(), rule(unique("t"), ownFilter, notMine));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.json().path("details").path("filterId").asText()).isEqualTo(notMine);
        }

        // A super admin may bind any filter; an admin may then keep it while editing the rule, not add another one.
        String root = users.superAdmin(unique("root"));
        var byRoot = as(root).post(home.rules(), rule(unique("t"), ownFilter, foreignFilter));
        assertThat(byRoot.status()).isEqualTo(201);
        String ruleId = byRoot.json().path("id").asText();
        var kept = as(me).put("/api/v1/topic-rules/" + ruleId,
                Map.of("name", "kept", "filterIds", List.of(ownFilter, foreignFilter)));
        assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
        assertThat(as(me).put("/api/v1/topic-rules/" + ruleId,
                Map.of("name", "added", "filterIds", List.of(foreignFilter, memberOnlyFilter))).status())
                .isEqualTo(403);
        assertThat(catalog.find(ruleId).orElseThrow().filterIds()).containsExactlyInAnyOrder(ownFilter, foreignFilter);
    }

    @Test
    void deletingAFilterOrARuleRemovesTheBindings() {
        Team t = team();
        String f1 = filter(t, "WHITE");
        String f2 = filter(t, "BLACK");
        String id = as(t.creator()).post(t.rules(), rule(unique("t"), f1, f2)).json().path("id").asText();

        assertThat(as(t.creator()).delete("/api/v1/filters/" + f1).status()).isEqualTo(204);
        JsonNode rule = as(t.user()).get("/api/v1/topic-rules/" + id).json();
        assertThat(filterIds(rule)).containsExactly(f2);
        assertThat(catalog.find(id).orElseThrow().filterIds()).containsExactly(f2);
        assertThat(bindings.existsById(Ids.md5(id + f1))).isFalse();

        assertThat(as(t.admin()).delete("/api/v1/topic-rules/" + id).status()).isEqualTo(204);
        assertThat(as(t.admin()).get("/api/v1/topic-rules/" + id).code()).isEqualTo("TOPIC_RULE_NOT_FOUND");
        assertThat(bindings.existsById(Ids.md5(id + f2))).isFalse();
        assertThat(catalog.find(id)).isEmpty();
        // The filter itself stays.
        assertThat(as(t.user()).get("/api/v1/filters/" + f2).status()).isEqualTo(200);
    }

    @Test
    void searchCoversMyGroupsAndThePickerMyAdministeredOnes() {
        String me = users.user(unique("me"));
        Team mine = team();
        Team memberOf = team();
        Team foreign = team();
        join(mine.group(), mine.creator(), me, "admin");
        join(memberOf.group(), memberOf.creator(), me, "user");
        String topic = unique("topic_");
        for (Team t : List.of(mine, memberOf, foreign)) {
            assertThat(as(t.creator()).post(t.rules(), rule(topic)).status()).isEqualTo(201);
        }
        var visible = as(me).get("/api/v1/topic-rules?topic=" + topic).json();
        assertThat(visible.path("total").asInt()).isEqualTo(2);
        List<String> groups = new ArrayList<>();
        visible.path("items").forEach(i -> groups.add(i.path("group").asText()));
        assertThat(groups).containsExactlyInAnyOrder(mine.group(), memberOf.group());

        var picker = as(me).get("/api/v1/topic-rules?administered=true&topic=" + topic).json();
        assertThat(picker.path("total").asInt()).isEqualTo(1);
        assertThat(picker.path("items").get(0).path("group").asText()).isEqualTo(mine.group());

        String root = users.superAdmin(unique("root"));
        assertThat(as(root).get("/api/v1/topic-rules?administered=true&topic=" + topic).json().path("total").asInt())
                .isEqualTo(3);
        assertThat(as(users.user(unique("nobody"))).get("/api/v1/topic-rules?topic=" + topic).json().path("total")
                .asInt()).isZero();
        // '_' is literal, not a LIKE wildcard.
        assertThat(as(root).get("/api/v1/topic-rules?topic=" + topic.replace('_', 'x')).json().path("total").asInt())
                .isZero();
        var page = as(me).get("/api/v1/topic-rules?size=1&topic=" + topic).json();
        assertThat(page.path("items").size()).isEqualTo(1);
        assertThat(page.path("total").asInt()).isEqualTo(2);
        assertThat(as(me).get("/api/v1/topic-rules?size=201").code()).isEqualTo("VALIDATION_FAILED");
    }
}
