package io.binlake.tower.instance;

import io.binlake.tower.common.PageResponse;
import io.binlake.tower.instance.InstanceAdministration.BindingView;
import io.binlake.tower.instance.InstanceAdministration.Bindings;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Bindings", description = "Which topic rules an instance dumps to (the original's relations). storageType "
        + "is MQ_STORAGE (default); convertClass is PROTOBUF (default), AVRO or the converter's class name. Members "
        + "read, group admins write.")
@RestController
@Validated
@RequestMapping("/api/v1")
class BindingController {
    private final InstanceAdministration instances;

    BindingController(InstanceAdministration instances) {
        this.instances = instances;
    }

    record Binding(@NotBlank @Size(max = 32) String topicRuleId, @Size(max = 16) String storageType,
            @Size(max = 255) String convertClass) {
    }

    record ReplaceBindings(@NotNull @Size(max = 200) List<@Valid @NotNull Binding> bindings) {
    }

    record BindMany(@NotNull @Size(min = 1, max = 200) List<@NotBlank @Size(max = 32) String> instanceIds,
            @NotNull @Size(min = 1, max = 100) List<@NotBlank @Size(max = 32) String> topicRuleIds,
            @Size(max = 16) String storageType, @Size(max = 255) String convertClass) {
    }

    @GetMapping("/instances/{id}/bindings")
    PageResponse<BindingView> ofInstance(@PathVariable String id, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return instances.bindings(id, page, size);
    }

    @Operation(summary = "Replace the instance's bindings with the given ones (group admin)")
    @PutMapping("/instances/{id}/bindings")
    Bindings replace(@PathVariable String id, @Valid @RequestBody ReplaceBindings body) {
        return instances.replaceBindings(id, body.bindings().stream()
                .map(b -> new BindingRequest(b.topicRuleId(), b.storageType(), b.convertClass())).toList());
    }

    @Operation(summary = "Unbind the instance from one topic rule (group admin)")
    @DeleteMapping("/instances/{id}/bindings/{topicRuleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unbind(@PathVariable String id, @PathVariable String topicRuleId) {
        instances.unbind(id, topicRuleId);
    }

    @Operation(summary = "Bind every given instance to every given topic rule of the group (group admin). "
            + "Idempotent: pairs bound already are kept, with this call's storage type and converter; answers 200 "
            + "with the resulting bindings")
    @PostMapping("/groups/{group}/bindings")
    List<BindingView> bindMany(@PathVariable String group, @Valid @RequestBody BindMany body) {
        return instances.bindMany(group, body.instanceIds(), body.topicRuleIds(), body.storageType(),
                body.convertClass());
    }

    @Operation(summary = "Bindings of a group's instances (host, port, topic, rule name, storage, converter); host "
            + "matches a part of the host name")
    @GetMapping("/groups/{group}/bindings")
    PageResponse<BindingView> ofGroup(@PathVariable String group,
            @RequestParam(required = false) @Size(max = 255) String host, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return instances.bindingsOfGroup(group, host, page, size);
    }
}
