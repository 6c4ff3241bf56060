package io.binlake.tower.topic;

import io.binlake.tower.common.PageResponse;
import io.binlake.tower.topic.TopicRuleService.TopicRuleDraft;
import io.binlake.tower.topic.TopicRuleService.TopicRuleView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
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

@Tag(name = "Topic rules", description = "What a group publishes to a Kafka topic, through which filters (the original's MQ rules)")
@RestController
@Validated
@RequestMapping("/api/v1")
class TopicRuleController {
    private final TopicRuleService rules;

    TopicRuleController(TopicRuleService rules) {
        this.rules = rules;
    }

    /** The body of create and of update (a full replacement of everything but topic and group). */
    record TopicRuleBody(
            @Schema(description = "Kafka topic; fixed once created (repeat it or omit it on update)") String topic,
            @Schema(description = "display name / remark") String name,
            @Schema(description = "wave producer class; default com.jd.binlog.produce.mq.impl.Kafka100Producer")
            String producerClass,
            @Schema(description = "also send BEGIN/COMMIT messages; default false") Boolean withTransaction,
            @Schema(description = "NO_ORDER, BUSINESS_KEY_ORDER, TABLE_ORDER, TRANSACTION_ORDER, DB_ORDER or "
                    + "INSTANCE_ORDER (default)") String orderType,
            @Schema(description = "extra Kafka producer properties; bootstrap.servers, client.id and the serializers "
                    + "are Tower's, credentials are refused") Map<String, String> producerProperties,
            @Schema(description = "ids of bound filters, of any group you administer") List<String> filterIds) {
        TopicRuleDraft draft() {
            return new TopicRuleDraft(topic, name, producerClass, withTransaction, orderType, producerProperties,
                    filterIds);
        }
    }

    @Operation(summary = "Topic rules of a group (with or without filters), optionally whose topic contains the text")
    @GetMapping("/groups/{group}/topic-rules")
    PageResponse<TopicRuleView> listInGroup(@PathVariable String group,
            @RequestParam(required = false) @Size(max = 200) String topic,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return rules.listInGroup(group, topic, page, size);
    }

    @Operation(summary = "Topic rules of my groups; administered=true: of the groups I administer (the rule picker)")
    @GetMapping("/topic-rules")
    PageResponse<TopicRuleView> search(@RequestParam(required = false) @Size(max = 200) String topic,
            @RequestParam(defaultValue = "false") boolean administered,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return rules.search(topic, administered, page, size);
    }

    @Operation(summary = "Create a topic rule (group admins); the Kafka topic itself is not created")
    @PostMapping("/groups/{group}/topic-rules")
    @ResponseStatus(HttpStatus.CREATED)
    TopicRuleView create(@PathVariable String group, @RequestBody TopicRuleBody body) {
        return rules.create(group, body.draft());
    }

    @GetMapping("/topic-rules/{id}")
    TopicRuleView get(@PathVariable String id) {
        return rules.get(id);
    }

    @Operation(summary = "Replace a topic rule's settings and filters (group admins); topic and group stay")
    @PutMapping("/topic-rules/{id}")
    TopicRuleView update(@PathVariable String id, @RequestBody TopicRuleBody body) {
        return rules.update(id, body.draft());
    }

    @Operation(summary = "Delete a topic rule (group admins) with its filter and instance bindings")
    @DeleteMapping("/topic-rules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        rules.delete(id);
    }
}
