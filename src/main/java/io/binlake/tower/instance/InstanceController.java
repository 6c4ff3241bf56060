package io.binlake.tower.instance;

import io.binlake.tower.common.PageResponse;
import io.binlake.tower.instance.InstanceAdministration.InstanceView;
import io.binlake.tower.instance.InstanceAdministration.Registered;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Instances", description = "MySQL instances of groups: bulk registration (status init), listing, "
        + "deletion of instances that are not dumping. Members read, group admins write.")
@RestController
@Validated
@RequestMapping("/api/v1")
class InstanceController {
    private final InstanceAdministration instances;

    InstanceController(InstanceAdministration instances) {
        this.instances = instances;
    }

    record RegisterInstances(@NotBlank @Size(max = 32) String cluster,
            @NotNull @Size(min = 1, max = 500) List<@Size(max = 300) String> hosts) {
    }

    @Operation(summary = "Instances of a group; host matches a part of the host name")
    @GetMapping("/groups/{group}/instances")
    PageResponse<InstanceView> listOfGroup(@PathVariable String group,
            @RequestParam(required = false) @Size(max = 255) String host,
            @RequestParam(required = false) InstanceStatus status, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return instances.listOfGroup(group, host, status, page, size);
    }

    @Operation(summary = "Search instances across the caller's groups (every group for a super admin)")
    @GetMapping("/instances")
    PageResponse<InstanceView> search(@RequestParam(required = false) @Size(max = 255) String host,
            @RequestParam(required = false) InstanceStatus status, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return instances.search(host, status, page, size);
    }

    @Operation(summary = "Register instances in bulk, one host:port per line, all or none (group admin)")
    @PostMapping("/groups/{group}/instances")
    @ResponseStatus(HttpStatus.CREATED)
    Registered register(@PathVariable String group, @Valid @RequestBody RegisterInstances body) {
        return instances.register(group, body.cluster().trim(), body.hosts());
    }

    @GetMapping("/instances/{id}")
    InstanceView get(@PathVariable String id) {
        return instances.get(id);
    }

    @Operation(summary = "Delete an instance that is not dumping, with its bindings (group admin); an agree or "
            + "online instance is removed through a REMOVE_INSTANCE request instead")
    @DeleteMapping("/instances/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        instances.delete(id);
    }
}
