package io.binlake.tower.group;

import io.binlake.tower.common.PageResponse;
import io.binlake.tower.common.Paging;
import io.binlake.tower.group.GroupService.GroupView;
import io.binlake.tower.group.GroupService.Me;
import io.binlake.tower.group.GroupService.MemberView;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Groups", description = "Groups, members and roles")
@RestController
@Validated
@RequestMapping("/api/v1")
class GroupController {
    static final String GROUP_NAME = "^[A-Za-z][A-Za-z0-9_-]{0,35}$";
    static final String USER_ID = "^[A-Za-z0-9_.@-]{1,64}$";
    private final GroupService groups;

    GroupController(GroupService groups) {
        this.groups = groups;
    }

    record CreateGroup(@NotBlank @Pattern(regexp = GROUP_NAME,
            message = "letters first, then letters, digits, _ or -; at most 36") String name,
            @Size(max = 128) String mark, @Email @Size(max = 128) String email, @Size(max = 128) String orgName) {
    }

    record UpdateGroup(@Size(max = 128) String mark) {
    }

    record AddMember(@NotBlank @Pattern(regexp = USER_ID) String userId, @NotNull MemberRole role,
            @Email @Size(max = 128) String email, @Size(max = 128) String orgName) {
    }

    record ChangeRole(@NotNull MemberRole role) {
    }

    @GetMapping("/me")
    Me me() {
        return groups.me();
    }

    @GetMapping("/groups")
    PageResponse<GroupView> list(@RequestParam(required = false) @Size(max = 36) String name,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return groups.list(name, Paging.of(page, size, Sort.by("name")));
    }

    @PostMapping("/groups")
    @ResponseStatus(HttpStatus.CREATED)
    GroupView create(@Valid @RequestBody CreateGroup body) {
        return groups.create(body.name(), body.mark(), body.email(), body.orgName());
    }

    @GetMapping("/groups/{name}")
    GroupView get(@PathVariable String name) {
        return groups.get(name);
    }

    @PutMapping("/groups/{name}")
    GroupView update(@PathVariable String name, @Valid @RequestBody UpdateGroup body) {
        return groups.updateMark(name, body.mark());
    }

    @DeleteMapping("/groups/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String name) {
        groups.delete(name);
    }

    @GetMapping("/groups/{name}/members")
    PageResponse<MemberView> members(@PathVariable String name, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return groups.members(name, page, size);
    }

    @PostMapping("/groups/{name}/members")
    @ResponseStatus(HttpStatus.CREATED)
    MemberView addMember(@PathVariable String name, @Valid @RequestBody AddMember body) {
        return groups.addMember(name, body.userId(), body.role(), body.email(), body.orgName());
    }

    @PutMapping("/groups/{name}/members/{userId}")
    MemberView changeRole(@PathVariable String name, @PathVariable String userId, @Valid @RequestBody ChangeRole body) {
        return groups.changeRole(name, userId, body.role());
    }

    @DeleteMapping("/groups/{name}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(@PathVariable String name, @PathVariable String userId) {
        groups.removeMember(name, userId);
    }
}
