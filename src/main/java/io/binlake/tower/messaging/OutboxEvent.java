package io.binlake.tower.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An event written in the transaction of the change that caused it, relayed to Kafka after commit. */
@Entity
@Table(name = "outbox_event")
class OutboxEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "event_id", nullable = false, length = 36)
    private String eventId;
    @Column(name = "event_type", nullable = false, length = 32)
    private String eventType;
    @Column(nullable = false, length = 200)
    private String topic;
    @Column(name = "event_key", length = 128)
    private String eventKey;
    @Column(nullable = false, length = 8000)
    private String payload;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "published_at")
    private Instant publishedAt;
    @Column(nullable = false)
    private int attempts;
    @Column(name = "last_error", length = 1024)
    private String lastError;

    protected OutboxEvent() {
    }

    OutboxEvent(String eventId, String eventType, String topic, String eventKey, String payload) {
        this.eventId = eventId;
        this.eventType = eventType;
        this.topic = topic;
        this.eventKey = eventKey;
        this.payload = payload;
        this.createdAt = Instant.now();
    }

    void published() {
        this.publishedAt = Instant.now();
        this.attempts++;
        this.lastError = null;
    }

    void failed(String error) {
        this.attempts++;
        this.lastError = error == null ? null : error.substring(0, Math.min(1000, error.length()));
    }

    Long id() {
        return id;
    }

    String topic() {
        return topic;
    }

    String eventKey() {
        return eventKey;
    }

    String payload() {
        return payload;
    }

    String eventId() {
        return eventId;
    }
}
