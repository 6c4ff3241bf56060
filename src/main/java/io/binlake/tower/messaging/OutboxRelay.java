package io.binlake.tower.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.PageRequest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves outbox rows to Kafka, oldest first, and marks them published. A row is marked only after the broker
 * acknowledged it, so nothing is lost; a crash between the two may send an event twice, which consumers recognise by
 * its eventId. A failed send stops the round (later events of the same key must not overtake it) and is retried.
 */
@Component
public class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private final OutboxRepository outbox;
    private final KafkaTemplate<String, String> kafka;
    private final TransactionTemplate transactions;
    private final MessagingProperties properties;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private final Object roundLock = new Object();
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    OutboxRelay(OutboxRepository outbox, KafkaTemplate<String, String> kafka, TransactionTemplate transactions,
            MessagingProperties properties, MeterRegistry meters) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.transactions = transactions;
        this.properties = properties;
        meters.gauge("tower.outbox.unpublished", outbox, OutboxRepository::countByPublishedAtIsNull);
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tower-outbox-relay");
            t.setDaemon(true);
            return t;
        });
        long every = properties.relayInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::relaySafely, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Called after a commit that wrote events, so they leave at once instead of at the next poll. */
    void wakeUp() {
        if (running && wakeUpPending.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                wakeUpPending.set(false);
                relaySafely();
            });
        }
    }

    private void relaySafely() {
        try {
            while (relayOnce() == properties.relayBatchSize()) {
                // a full batch: there may be more waiting
            }
        } catch (RuntimeException e) {
            log.warn("Outbox relay round failed, retrying in {}: {}", properties.relayInterval(), e.toString());
        }
    }

    /** Relays one batch; returns how many events were published. */
    public int relayOnce() {
        synchronized (roundLock) {
            Integer sent = transactions.execute(status -> {
                List<OutboxEvent> batch = outbox.lockUnpublished(PageRequest.of(0, properties.relayBatchSize()));
                int published = 0;
                for (OutboxEvent e : batch) {
                    try {
                        kafka.send(new ProducerRecord<>(e.topic(), e.eventKey(), e.payload()))
                                .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                        e.published();
                        published++;
                    } catch (Exception ex) {
                        if (ex instanceof InterruptedException) {
                            Thread.currentThread().interrupt();
                        }
                        e.failed(ex.toString());
                        log.warn("Event {} not published yet: {}", e.eventId(), ex.toString());
                        break;
                    }
                }
                return published;
            });
            return sent == null ? 0 : sent;
        }
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
