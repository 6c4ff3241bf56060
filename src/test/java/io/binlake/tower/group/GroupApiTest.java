package io.binlake.tower.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.binlake.tower.common.Ids;
import io.binlake.tower.testsupport.TowerIntegrationTest;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class GroupApiTest extends TowerIntegrationTest {
    @Autowired
    IdentityService identityService;

    @Test
    void anonymousCallersAreRefusedWithAnErrorBody() {
        var r = anonymous().get("/api/v1/groups");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("UNAUTHENTICATED");
        var wrong = new io.binlake.tower.testsupport.ApiClient(port, users.user(unique("u")), "wrong").get("/api/v1/groups");
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void healthIsOpen() {
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void creatorCreatesGroupWithOriginalIdAndBecomesApprover() {
        String creator = users.user(unique("creator"));
        String name = unique("payments");
        var r = as(creator).post("/api/v1/groups", Map.of("name", name, "mark", "Payments team"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("id").asText()).isEqualTo(Ids.md5(name));
        assertThat(r.json().path("myRole").asText()).isEqualTo("creator");

        var members = as(creator).get("/api/v1/groups/" + name + "/members").json();
        assertThat(members.path("total").asInt()).isEqualTo(1);
        assertThat(members.path("items").get(0).path("id").asText()).isEqualTo(Ids.md5(creator + Ids.md5(name)));
        assertThat(identityService.createUserQuery().memberOfGroup(GroupAccess.approverGroupId(name)).userId(creator)
                .count()).isEqualTo(1);

        var dup = as(creator).post("/api/v1/groups", Map.of("name", name));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.code()).isEqualTo("GROUP_EXISTS");
    }

    @Test
    void badInputIsAnswered400WithACode() {
        String u = users.user(unique("u"));
        var badName = as(u).post("/api/v1/groups", Map.of("name", "9 bad name"));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(badName.json().path("details").path("fields").has("name")).isTrue();

        var malformed = as(u).postRaw("/api/v1/groups", "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("MALFORMED_REQUEST");

        var badPage = as(u).get("/api/v1/groups?size=100000");
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.code()).isEqualTo("VALIDATION_FAILED");

        var unknownRole = as(u).postRaw("/api/v1/groups/x/members", "{\"userId\":\"a\",\"role\":\"king\"}");
        assertThat(unknownRole.status()).isEqualTo(400);
    }

    @Test
    void membersAndRolesFollowThePermissionMatrix() {
        String creator = users.user(unique("creator"));
        String admin = users.user(unique("admin"));
        String plain = users.user(unique("user"));
        String outsider = users.user(unique("outsider"));
        String name = unique("grp");
        as(creator).post("/api/v1/groups", Map.of("name", name));

        // Only admins add members; an outsider and a plain user are refused.
        assertThat(as(outsider).post("/api/v1/groups/" + name + "/members", Map.of("userId", plain, "role", "user"))
                .status()).isEqualTo(403);
        assertThat(as(creator).post("/api/v1/groups/" + name + "/members", Map.of("userId", admin, "role", "admin"))
                .status()).isEqualTo(201);
        assertThat(as(admin).post("/api/v1/groups/" + name + "/members", Map.of("userId", plain, "role", "user"))
                .status()).isEqualTo(201);
        assertThat(as(plain).post("/api/v1/groups/" + name + "/members", Map.of("userId", outsider, "role", "user"))
                .code()).isEqualTo("FORBIDDEN");
        var unknownUser = as(admin).post("/api/v1/groups/" + name + "/members", Map.of("userId", "nobody-" + name,
                "role", "user"));
        assertThat(unknownUser.status()).isEqualTo(404);
        assertThat(unknownUser.code()).isEqualTo("USER_NOT_FOUND");
        assertThat(as(admin).post("/api/v1/groups/" + name + "/members", Map.of("userId", plain, "role", "user"))
                .code()).isEqualTo("MEMBER_EXISTS");

        // Members see the group; outsiders do not.
        assertThat(as(plain).get("/api/v1/groups/" + name).status()).isEqualTo(200);
        assertThat(as(outsider).get("/api/v1/groups/" + name).status()).isEqualTo(403);
        assertThat(as(outsider).get("/api/v1/groups?name=" + name).json().path("total").asInt()).isZero();
        assertThat(as(plain).get("/api/v1/groups?name=" + name).json().path("total").asInt()).isEqualTo(1);

        // Role switch admin <-> user, creator immutable, approver group follows.
        assertThat(as(admin).put("/api/v1/groups/" + name + "/members/" + plain, Map.of("role", "admin")).status())
                .isEqualTo(200);
        assertThat(identityService.createUserQuery().memberOfGroup(GroupAccess.approverGroupId(name)).userId(plain)
                .count()).isEqualTo(1);
        assertThat(as(admin).put("/api/v1/groups/" + name + "/members/" + plain, Map.of("role", "user")).status())
                .isEqualTo(200);
        assertThat(identityService.createUserQuery().memberOfGroup(GroupAccess.approverGroupId(name)).userId(plain)
                .count()).isZero();
        assertThat(as(admin).put("/api/v1/groups/" + name + "/members/" + creator, Map.of("role", "user")).code())
                .isEqualTo("CREATOR_IMMUTABLE");
        assertThat(as(admin).delete("/api/v1/groups/" + name + "/members/" + creator).code())
                .isEqualTo("CREATOR_IMMUTABLE");
        assertThat(as(plain).delete("/api/v1/groups/" + name + "/members/" + admin).status()).isEqualTo(403);
        assertThat(as(admin).delete("/api/v1/groups/" + name + "/members/" + plain).status()).isEqualTo(204);
        assertThat(as(admin).delete("/api/v1/groups/" + name + "/members/" + plain).code())
                .isEqualTo("MEMBER_NOT_FOUND");

        // Delete: only the creator or a super admin.
        assertThat(as(admin).delete("/api/v1/groups/" + name).status()).isEqualTo(403);
        assertThat(as(creator).delete("/api/v1/groups/" + name).status()).isEqualTo(204);
        assertThat(as(creator).get("/api/v1/groups/" + name).code()).isEqualTo("GROUP_NOT_FOUND");
    }

    @Test
    void superAdminSeesAndDeletesEveryGroup() {
        String creator = users.user(unique("creator"));
        String root = users.superAdmin(unique("root"));
        String name = unique("grp");
        as(creator).post("/api/v1/groups", Map.of("name", name));
        assertThat(as(root).get("/api/v1/groups?name=" + name).json().path("total").asInt()).isEqualTo(1);
        assertThat(as(root).get("/api/v1/me").json().path("superAdmin").asBoolean()).isTrue();
        assertThat(as(root).delete("/api/v1/groups/" + name).status()).isEqualTo(204);
    }

    @Test
    void meListsMyGroupsAndRoles() {
        String creator = users.user(unique("creator"));
        String name = unique("grp");
        as(creator).post("/api/v1/groups", Map.of("name", name));
        var me = as(creator).get("/api/v1/me").json();
        assertThat(me.path("userId").asText()).isEqualTo(creator);
        assertThat(me.path("superAdmin").asBoolean()).isFalse();
        assertThat(me.path("groups").get(0).path("group").asText()).isEqualTo(name);
        assertThat(me.path("groups").get(0).path("role").asText()).isEqualTo("creator");
    }
}
