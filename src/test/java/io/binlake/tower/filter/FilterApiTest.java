package io.binlake.tower.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.binlake.tower.common.Ids;
import io.binlake.tower.testsupport.ApiClient.Response;
import io.binlake.tower.testsupport.TowerIntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class FilterApiTest extends TowerIntegrationTest {
    @Autowired
    FilterCatalog catalog;

    /** A group with a creator, an admin, a plain user, and an outsider who is in no group. */
    record Team(String group, String groupId, String creator, String admin, String user, String outsider) {
    }

    Team team() {
        String creator = users.user(unique("creator"));
        String admin = users.user(unique("admin"));
        String user = users.user(unique("user"));
        String outsider = users.user(unique("outsider"));
        String group = unique("grp");
        assertThat(as(creator).post("/api/v1/groups", Map.of("name", group)).status()).isEqualTo(201);
        assertThat(as(creator).post("/api/v1/groups/" + group + "/members", Map.of("userId", admin, "role", "admin"))
                .status()).isEqualTo(201);
        assertThat(as(creator).post("/api/v1/groups/" + group + "/members", Map.of("userId", user, "role", "user"))
                .status()).isEqualTo(201);
        return new Team(group, Ids.md5(group), creator, admin, user, outsider);
    }

    static Map<String, Object> filter(String type, String tableRegex) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "filter of " + tableRegex);
        body.put("type", type);
        body.put("tableRegex", tableRegex);
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    @Test
    void createsFilterWithTheOriginalIdAndCleanContent() {
        Team t = team();
        String regex = unique("orders") + "\\.order_[0-9]+";
        Map<String, Object> body = filter("white", regex);
        body.put("keptColumns", List.of(" id ", "amount", "ID", "Amount"));
        body.put("nulledColumns", List.of("card_no"));
        body.put("businessKeys", List.of("order_id", " user_id"));
        body.put("pseudoColumns", List.of(Map.of("name", "dc", "value", "zh:1"), Map.of("name", "env", "value", "")));
        var r = as(t.creator()).post("/api/v1/groups/" + t.group() + "/filters", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode f = r.json();
        String id = Ids.md5(t.groupId() + "WHITE" + regex);
        assertThat(f.path("id").asText()).isEqualTo(id);
        assertThat(f.path("group").asText()).isEqualTo(t.group());
        assertThat(f.path("groupId").asText()).isEqualTo(t.groupId());
        assertThat(f.path("type").asText()).isEqualTo("WHITE");
        assertThat(f.path("tableRegex").asText()).isEqualTo(regex);
        assertThat(texts(f.path("eventTypes"))).containsExactly("INSERT", "UPDATE", "DELETE");
        assertThat(texts(f.path("keptColumns"))).containsExactly("ID", "AMOUNT");
        assertThat(texts(f.path("nulledColumns"))).containsExactly("CARD_NO");
        assertThat(texts(f.path("businessKeys"))).containsExactly("ORDER_ID", "USER_ID");
        assertThat(f.path("pseudoColumns").get(0).path("name").asText()).isEqualTo("dc");
        assertThat(f.path("pseudoColumns").get(0).path("value").asText()).isEqualTo("zh:1");
        assertThat(f.path("pseudoColumns").get(1).path("value").asText()).isEmpty();

        var got = as(t.user()).get("/api/v1/filters/" + id);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().path("keptColumns")).isEqualTo(f.path("keptColumns"));

        FilterSpec spec = catalog.find(id).orElseThrow();
        assertThat(spec).isEqualTo(new FilterSpec(id, t.groupId(), "filter of " + regex, FilterType.WHITE, regex,
                List.of("INSERT", "UPDATE", "DELETE"), List.of("ID", "AMOUNT"), List.of("CARD_NO"),
                List.of(new PseudoColumn("dc", "zh:1"), new PseudoColumn("env", "")), List.of("ORDER_ID", "USER_ID")));
        assertThat(catalog.byIds(List.of("no-such-filter", id, id))).containsExactly(spec);
        assertThat(catalog.find("no-such-filter")).isEmpty();

        // Event types in any case and order are stored in the manager's order, each once.
        var events = as(t.admin()).post("/api/v1/groups/" + t.group() + "/filters",
                with(filter("BLACK", regex), "eventTypes", List.of("truncate", "DELETE", "OTHER", "delete")));
        assertThat(events.status()).as(events.toString()).isEqualTo(201);
        assertThat(texts(events.json().path("eventTypes"))).containsExactly("OTHER", "DELETE", "TRUNCATE");
        assertThat(events.json().path("id").asText()).isEqualTo(Ids.md5(t.groupId() + "BLACK" + regex));
    }

    @Test
    void aDuplicateGroupTypeAndTableIsAConflict() {
        Team t = team();
        String regex = unique("db") + "\\.t";
        assertThat(as(t.creator()).post("/api/v1/groups/" + t.group() + "/filters", filter("WHITE", regex)).status())
                .isEqualTo(201);
        var dup = as(t.admin()).post("/api/v1/groups/" + t.group() + "/filters", filter("WHITE", regex));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.code()).isEqualTo("FILTER_EXISTS");
        assertThat(dup.json().path("details").path("id").asText()).isEqualTo(Ids.md5(t.groupId() + "WHITE" + regex));
        // The wave matches tables case-insensitively: a regex differing only in case is the same filter.
        assertThat(as(t.admin()).post("/api/v1/groups/" + t.group() + "/filters",
                filter("WHITE", regex.toUpperCase())).code()).isEqualTo("FILTER_EXISTS");
        // Another type, or another group, is another filter.
        assertThat(as(t.admin()).post("/api/v1/groups/" + t.group() + "/filters", filter("BLACK", regex)).status())
                .isEqualTo(201);
        Team other = team();
        assertThat(as(other.creator()).post("/api/v1/groups/" + other.group() + "/filters", filter("WHITE", regex))
                .status()).isEqualTo(201);
    }

    @Test
    void badFieldsAreAnswered400NamingTheField() {
        Team t = team();
        String path = "/api/v1/groups/" + t.group() + "/filters";
        String regex = unique("db") + "\\.t";
        Map<String, Object> ok = filter("WHITE", regex);
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("tableRegex", with(ok, "tableRegex", "orders\\.(order"));
        cases.put("tableRegex/slash", with(ok, "tableRegex", "orders/x\\.t"));
        cases.put("tableRegex/long", with(ok, "tableRegex", "a".repeat(256)));
        cases.put("tableRegex/missing", with(ok, "tableRegex", null));
        cases.put("type", with(ok, "type", "GREY"));
        cases.put("type/missing", with(ok, "type", null));
        cases.put("name", with(ok, "name", "  "));
        cases.put("eventTypes", with(ok, "eventTypes", List.of("INSERT", "INSERTED")));
        cases.put("eventTypes/empty", with(ok, "eventTypes", List.of()));
        cases.put("eventTypes/all", with(ok, "eventTypes", List.of("all")));
        cases.put("keptColumns", with(ok, "keptColumns", List.of("id", "first name")));
        cases.put("keptColumns/comma", with(ok, "keptColumns", List.of("a,b")));
        cases.put("nulledColumns", with(ok, "nulledColumns", List.of("x".repeat(65))));
        cases.put("businessKeys", with(ok, "businessKeys", List.of("")));
        cases.put("pseudoColumns", with(ok, "pseudoColumns", List.of(Map.of("name", "x-y", "value", "1"))));
        cases.put("pseudoColumns/comma", with(ok, "pseudoColumns", List.of(Map.of("name", "dc", "value", "a,b"))));
        cases.put("pseudoColumns/twice", with(ok, "pseudoColumns",
                List.of(Map.of("name", "dc", "value", "a"), Map.of("name", "DC", "value", "b"))));
        List<String> manyColumns = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            manyColumns.add("column_with_a_long_name_" + i);
        }
        cases.put("keptColumns/toolong", with(ok, "keptColumns", manyColumns));
        cases.forEach((field, body) -> {
            var r = as(t.creator()).post(path, body);
            assertThat(r.status()).as(field + ": " + r).isEqualTo(400);
            assertThat(r.code()).as(field).isEqualTo("VALIDATION_FAILED");
            assertThat(r.json().path("details").path("fields").has(field.split("/")[0])).as(field + ": " + r)
                    .isTrue();
        });
        // Several bad fields are named in one answer.
        var several = as(t.creator()).post(path, Map.of("type", "GREY", "tableRegex", "("));
        assertThat(several.json().path("details").path("fields").has("name")).isTrue();
        assertThat(several.json().path("details").path("fields").has("type")).isTrue();
        assertThat(several.json().path("details").path("fields").has("tableRegex")).isTrue();

        var malformed = as(t.creator()).postRaw(path, "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("MALFORMED_REQUEST");
        var notAList = as(t.creator()).postRaw(path, "{\"name\":\"n\",\"type\":\"WHITE\",\"tableRegex\":\"a\\\\.b\","
                + "\"pseudoColumns\":\"dc:1\"}");
        assertThat(notAList.status()).isEqualTo(400);
        assertThat(as(t.creator()).get(path + "?size=0").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(as(t.creator()).get("/api/v1/filters?table=" + "x".repeat(256)).status()).isEqualTo(400);
        // Nothing was stored by the refused calls.
        assertThat(as(t.creator()).get(path).json().path("total").asInt()).isZero();
    }

    @Test
    void permissionsFollowTheGroupRoles() {
        Team t = team();
        String root = users.superAdmin(unique("root"));
        String path = "/api/v1/groups/" + t.group() + "/filters";
        String regex = unique("db") + "\\.t";

        assertThat(anonymous().post(path, filter("WHITE", regex)).status()).isEqualTo(401);
        assertThat(anonymous().get("/api/v1/filters").status()).isEqualTo(401);
        assertThat(as(t.user()).post(path, filter("WHITE", regex)).code()).isEqualTo("FORBIDDEN");
        assertThat(as(t.outsider()).post(path, filter("WHITE", regex)).status()).isEqualTo(403);
        assertThat(as(t.creator()).post("/api/v1/groups/" + unique("nogroup") + "/filters", filter("WHITE", regex))
                .code()).isEqualTo("GROUP_NOT_FOUND");

        String byCreator = as(t.creator()).post(path, filter("WHITE", regex)).json().path("id").asText();
        String byAdmin = as(t.admin()).post(path, filter("BLACK", regex)).json().path("id").asText();
        var byRoot = as(root).post(path, filter("WHITE", regex + "_root"));
        assertThat(byRoot.status()).isEqualTo(201);

        // Reads: members and super admins; outsiders are refused.
        assertThat(as(t.user()).get(path).json().path("total").asInt()).isEqualTo(3);
        assertThat(as(root).get(path).json().path("total").asInt()).isEqualTo(3);
        assertThat(as(t.outsider()).get(path).code()).isEqualTo("FORBIDDEN");
        assertThat(as(t.user()).get("/api/v1/filters/" + byCreator).status()).isEqualTo(200);
        assertThat(as(t.outsider()).get("/api/v1/filters/" + byCreator).status()).isEqualTo(403);
        assertThat(as(root).get("/api/v1/filters/" + byCreator).status()).isEqualTo(200);

        // Writes: admins and super admins; a plain user and an outsider are refused.
        Map<String, Object> change = with(filter("WHITE", regex), "name", "renamed");
        assertThat(as(t.user()).put("/api/v1/filters/" + byCreator, change).status()).isEqualTo(403);
        assertThat(as(t.outsider()).put("/api/v1/filters/" + byCreator, change).status()).isEqualTo(403);
        assertThat(as(t.admin()).put("/api/v1/filters/" + byCreator, change).status()).isEqualTo(200);
        assertThat(as(root).put("/api/v1/filters/" + byCreator, with(change, "name", "by root")).status())
                .isEqualTo(200);
        assertThat(as(t.user()).delete("/api/v1/filters/" + byAdmin).status()).isEqualTo(403);
        assertThat(as(t.outsider()).delete("/api/v1/filters/" + byAdmin).status()).isEqualTo(403);
        assertThat(as(t.creator()).delete("/api/v1/filters/" + byAdmin).status()).isEqualTo(204);
        assertThat(as(root).delete("/api/v1/filters/" + byCreator).status()).isEqualTo(204);
        assertThat(as(t.admin()).get(path).json().path("total").asInt()).isEqualTo(1);

        // Unknown ids.
        for (Response r : List.of(as(t.creator()).get("/api/v1/filters/" + byAdmin),
                as(t.creator()).put("/api/v1/filters/" + byAdmin, change),
                as(t.creator()).delete("/api/v1/filters/" + byAdmin))) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("FILTER_NOT_FOUND");
            assertThat(r.json().path("details").path("id").asText()).isEqualTo(byAdmin);
        }
        assertThat(as(t.user()).get("/api/v1/groups/" + unique("nogroup") + "/filters").code())
                .isEqualTo("GROUP_NOT_FOUND");
    }

    @Test
    void updateReplacesContentAndKeepsTheId() {
        Team t = team();
        String path = "/api/v1/groups/" + t.group() + "/filters";
        String a = unique("db") + "\\.a";
        String b = unique("db") + "\\.b";
        String c = unique("db") + "\\.c";
        var created = as(t.creator()).post(path, with(filter("WHITE", a), "keptColumns", List.of("x")));
        String id = created.json().path("id").asText();
        assertThat(as(t.creator()).post(path, filter("WHITE", b)).status()).isEqualTo(201);

        String createdAt = as(t.user()).get("/api/v1/filters/" + id).json().path("createdAt").asText();
        Map<String, Object> edit = with(filter("WHITE", c), "eventTypes", List.of("INSERT"));
        var updated = as(t.admin()).put("/api/v1/filters/" + id, edit);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("id").asText()).isEqualTo(id);
        assertThat(updated.json().path("tableRegex").asText()).isEqualTo(c);
        assertThat(texts(updated.json().path("eventTypes"))).containsExactly("INSERT");
        // A full replacement: what is not sent is emptied.
        assertThat(updated.json().path("keptColumns").size()).isZero();
        assertThat(updated.json().path("createdAt").asText()).isEqualTo(createdAt);

        // Moving onto another filter's type and table is a conflict; onto a free combination is fine.
        var clash = as(t.admin()).put("/api/v1/filters/" + id, filter("WHITE", b));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.code()).isEqualTo("FILTER_EXISTS");
        assertThat(as(t.admin()).put("/api/v1/filters/" + id, filter("BLACK", b)).status()).isEqualTo(200);
        assertThat(as(t.admin()).put("/api/v1/filters/" + id, filter("BLACK", b)).status()).isEqualTo(200);
        var bad = as(t.admin()).put("/api/v1/filters/" + id, with(filter("BLACK", b), "eventTypes", List.of()));
        assertThat(bad.code()).isEqualTo("VALIDATION_FAILED");

        // The formula id of (WHITE, a) is still held by the edited filter; a new (WHITE, a) gets an id of its own.
        var again = as(t.creator()).post(path, filter("WHITE", a));
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.json().path("id").asText()).hasSize(32).isNotEqualTo(id);
        assertThat(as(t.user()).get("/api/v1/filters/" + id).json().path("tableRegex").asText()).isEqualTo(b);
    }

    @Test
    void searchCoversMyGroupsAndThePickerMyAdministeredOnes() {
        String me = users.user(unique("me"));
        Team mine = team();
        Team memberOf = team();
        Team foreign = team();
        as(mine.creator()).post("/api/v1/groups/" + mine.group() + "/members", Map.of("userId", me, "role", "admin"));
        as(memberOf.creator()).post("/api/v1/groups/" + memberOf.group() + "/members",
                Map.of("userId", me, "role", "user"));
        String marker = unique("mk");
        String regex = marker + "\\.t_%_[0-9]";
        for (Team t : List.of(mine, memberOf, foreign)) {
            assertThat(as(t.creator()).post("/api/v1/groups/" + t.group() + "/filters", filter("WHITE", regex))
                    .status()).isEqualTo(201);
        }
        var visible = as(me).get("/api/v1/filters?table=" + marker).json();
        assertThat(visible.path("total").asInt()).isEqualTo(2);
        List<String> groups = new ArrayList<>();
        visible.path("items").forEach(i -> groups.add(i.path("group").asText()));
        assertThat(groups).containsExactlyInAnyOrder(mine.group(), memberOf.group());

        var picker = as(me).get("/api/v1/filters?administered=true&table=" + marker).json();
        assertThat(picker.path("total").asInt()).isEqualTo(1);
        assertThat(picker.path("items").get(0).path("group").asText()).isEqualTo(mine.group());

        String root = users.superAdmin(unique("root"));
        assertThat(as(root).get("/api/v1/filters?administered=true&table=" + marker).json().path("total").asInt())
                .isEqualTo(3);
        assertThat(as(root).get("/api/v1/filters?table=" + marker).json().path("total").asInt()).isEqualTo(3);
        assertThat(as(users.user(unique("nobody"))).get("/api/v1/filters?table=" + marker).json().path("total")
                .asInt()).isZero();

        // The search text is literal: regex backslashes and LIKE wildcards match themselves.
        String literal = java.net.URLEncoder.encode(marker + "\\.t_%", java.nio.charset.StandardCharsets.UTF_8);
        assertThat(as(me).get("/api/v1/filters?table=" + literal).json().path("total").asInt()).isEqualTo(2);
        String wildcard = java.net.URLEncoder.encode(marker + "%t", java.nio.charset.StandardCharsets.UTF_8);
        assertThat(as(me).get("/api/v1/filters?table=" + wildcard).json().path("total").asInt()).isZero();

        var page = as(me).get("/api/v1/filters?size=1&page=1&table=" + marker).json();
        assertThat(page.path("items").size()).isEqualTo(1);
        assertThat(page.path("total").asInt()).isEqualTo(2);
        assertThat(as(me).get("/api/v1/groups/" + mine.group() + "/filters?table=" + marker.toUpperCase()).json()
                .path("total").asInt()).isEqualTo(1);
        assertThat(as(me).get("/api/v1/groups/" + mine.group() + "/filters?table=zzz" + marker).json()
                .path("total").asInt()).isZero();
    }
}
