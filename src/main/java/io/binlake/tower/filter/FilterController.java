package io.binlake.tower.filter;

import io.binlake.tower.common.PageResponse;
import io.binlake.tower.filter.TableFilterService.FilterDraft;
import io.binlake.tower.filter.TableFilterService.FilterView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
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

@Tag(name = "Filters", description = "Table filters: which tables, events and columns a topic rule publishes")
@RestController
@Validated
@RequestMapping("/api/v1")
class FilterController {
    private final TableFilterService filters;

    FilterController(TableFilterService filters) {
        this.filters = filters;
    }

    /**
     * The body of create and of update (a full replacement). Field checks beyond presence are the service's, so every
     * bad field is named in one answer.
     */
    record FilterBody(
            @Schema(description = "display name") String name,
            @Schema(description = "WHITE (publish matching events) or BLACK (drop them)") String type,
            @Schema(description = "full-name regex db\\.table, e.g. orders\\.order_[0-9]+") String tableRegex,
            @Schema(description = "event types; omitted = INSERT, UPDATE, DELETE") List<String> eventTypes,
            @Schema(description = "columns kept (the original's white columns)") List<String> keptColumns,
            @Schema(description = "columns sent as null (the original's black columns)") List<String> nulledColumns,
            @Schema(description = "constant columns added to every message") List<PseudoColumn> pseudoColumns,
            @Schema(description = "business-key columns for BUSINESS_KEY_ORDER") List<String> businessKeys) {
        FilterDraft draft() {
            return new FilterDraft(name, type, tableRegex, eventTypes, keptColumns, nulledColumns, pseudoColumns,
                    businessKeys);
        }
    }

    @Operation(summary = "Filters of a group, optionally those whose table regex contains the text")
    @GetMapping("/groups/{group}/filters")
    PageResponse<FilterView> listInGroup(@PathVariable String group,
            @RequestParam(required = false) @Size(max = 255) String table,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return filters.listInGroup(group, table, page, size);
    }

    @Operation(summary = "Filters of my groups; administered=true: of the groups I administer (the filter picker)")
    @GetMapping("/filters")
    PageResponse<FilterView> search(@RequestParam(required = false) @Size(max = 255) String table,
            @RequestParam(defaultValue = "false") boolean administered,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return filters.search(table, administered, page, size);
    }

    @Operation(summary = "Create a filter (group admins)")
    @PostMapping("/groups/{group}/filters")
    @ResponseStatus(HttpStatus.CREATED)
    FilterView create(@PathVariable String group, @RequestBody FilterBody body) {
        return filters.create(group, body.draft());
    }

    @GetMapping("/filters/{id}")
    FilterView get(@PathVariable String id) {
        return filters.get(id);
    }

    @Operation(summary = "Replace a filter's content (group admins); its id stays, so topic rules keep it")
    @PutMapping("/filters/{id}")
    FilterView update(@PathVariable String id, @RequestBody FilterBody body) {
        return filters.update(id, body.draft());
    }

    @Operation(summary = "Delete a filter (group admins); topic rules lose it")
    @DeleteMapping("/filters/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        filters.delete(id);
    }
}
