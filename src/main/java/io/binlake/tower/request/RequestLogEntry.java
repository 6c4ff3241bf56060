package io.binlake.tower.request;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One processed request: the idempotency record and the audit trail of who asked for what. */
@Entity
@Table(name = "request_log")
class RequestLogEntry {
    @Id
    @Column(name = "request_id", length = 128)
    private String requestId;
    @Column(name = "request_type", nullable = false, length = 32)
    private String requestType;
    @Column(nullable = false, length = 16)
    private String source;
    @Column(name = "requested_by", length = 64)
    private String requestedBy;
    @Column(name = "instance_id", length = 32)
    private String instanceId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RequestOutcome.Outcome outcome;
    @Column(length = 48)
    private String code;
    @Column(length = 1024)
    private String message;
    @Column(name = "process_instance_id", length = 64)
    private String processInstanceId;
    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected RequestLogEntry() {
    }

    RequestLogEntry(RequestOutcome o, String source, String requestedBy) {
        this.requestId = o.requestId();
        this.requestType = o.type() == null ? "UNKNOWN" : o.type();
        this.source = source;
        this.requestedBy = requestedBy;
        this.instanceId = o.instanceId();
        this.outcome = o.outcome();
        this.code = o.code();
        this.message = o.message() == null ? null : o.message().substring(0, Math.min(1000, o.message().length()));
        this.processInstanceId = o.processInstanceId();
        this.receivedAt = Instant.now();
    }

    RequestOutcome outcome() {
        return new RequestOutcome(requestId, requestType, outcome, code, message, instanceId, processInstanceId, null);
    }
}
