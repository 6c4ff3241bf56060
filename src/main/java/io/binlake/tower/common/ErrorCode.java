package io.binlake.tower.common;

import org.springframework.http.HttpStatus;

/**
 * Tower's error catalogue. Every refusal of the REST API and every REQUEST_REJECTED event carries one of these
 * names as its {@code code}; the README lists them. A client's mistake is never a 500.
 */
public enum ErrorCode {
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "The request has fields that are missing or not valid."),
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape."),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Log in (HTTP Basic) first."),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Your role does not allow this."),
    NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource."),
    GROUP_NOT_FOUND(HttpStatus.NOT_FOUND, "No such group."),
    USER_NOT_FOUND(HttpStatus.NOT_FOUND, "No such user in the identity store."),
    MEMBER_NOT_FOUND(HttpStatus.NOT_FOUND, "The user is not a member of the group."),
    FILTER_NOT_FOUND(HttpStatus.NOT_FOUND, "No such filter."),
    TOPIC_RULE_NOT_FOUND(HttpStatus.NOT_FOUND, "No such topic rule."),
    CLUSTER_NOT_FOUND(HttpStatus.NOT_FOUND, "No such cluster."),
    INSTANCE_NOT_FOUND(HttpStatus.NOT_FOUND, "No such instance."),
    BINDING_NOT_FOUND(HttpStatus.NOT_FOUND, "The instance is not bound to that topic rule."),
    TASK_NOT_FOUND(HttpStatus.NOT_FOUND, "No such open task."),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "That HTTP method is not supported here."),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send application/json."),
    GROUP_EXISTS(HttpStatus.CONFLICT, "A group with that name exists."),
    GROUP_NOT_EMPTY(HttpStatus.CONFLICT, "The group still has instances."),
    MEMBER_EXISTS(HttpStatus.CONFLICT, "The user is already a member of the group."),
    CREATOR_IMMUTABLE(HttpStatus.CONFLICT, "The group creator's role cannot change and the creator cannot be removed; delete the group instead."),
    FILTER_EXISTS(HttpStatus.CONFLICT, "The group has a filter of that type for that table regex."),
    TOPIC_RULE_EXISTS(HttpStatus.CONFLICT, "The group has a topic rule for that topic."),
    CLUSTER_EXISTS(HttpStatus.CONFLICT, "A cluster with that keyword or ZooKeeper address exists."),
    CLUSTER_IN_USE(HttpStatus.CONFLICT, "Instances still use the cluster."),
    INSTANCE_EXISTS(HttpStatus.CONFLICT, "The instance host:port is registered already."),
    INSTANCE_IN_OTHER_GROUP(HttpStatus.CONFLICT, "The instance belongs to another group."),
    INSTANCE_BUSY(HttpStatus.CONFLICT, "The instance's state does not allow this now."),
    INSTANCE_NOT_READY(HttpStatus.CONFLICT, "The instance cannot dump yet (no topic rule, no white filter or no waves)."),
    CONCURRENT_UPDATE(HttpStatus.CONFLICT, "Someone changed this at the same time; read it again and retry."),
    REQUEST_NOT_ALLOWED(HttpStatus.CONFLICT, "The request is not allowed in the instance's current state."),
    DBS_CALLBACK_TOKEN_INVALID(HttpStatus.UNAUTHORIZED, "The DBS callback token is wrong."),
    DBS_ORDER_NOT_FOUND(HttpStatus.NOT_FOUND, "No open DBS order with that id."),
    DBS_ORDER_DECIDED(HttpStatus.CONFLICT, "The DBS order was decided already."),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Tower failed; the operators are told through the logs.");

    private final HttpStatus status;
    private final String description;

    ErrorCode(HttpStatus status, String description) {
        this.status = status;
        this.description = description;
    }

    public HttpStatus status() {
        return status;
    }

    public String description() {
        return description;
    }
}
