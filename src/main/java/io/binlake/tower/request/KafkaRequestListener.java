package io.binlake.tower.request;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Kafka's way in to the request handler. A request that is invalid or not allowed is answered with
 * REQUEST_REJECTED and the partition moves on; one that is not JSON also goes to the dead-letter topic with the
 * reason in headers. Technical failures (database down) are retried by the container's error handler, then
 * dead-lettered, so nothing is lost silently.
 */
@Component
class KafkaRequestListener {
    static final String REASON_HEADER = "tower-dlt-reason";
    private static final Logger log = LoggerFactory.getLogger(KafkaRequestListener.class);
    private final RequestHandler handler;
    private final KafkaTemplate<String, String> kafka;

    KafkaRequestListener(RequestHandler handler, KafkaTemplate<String, String> kafka) {
        this.handler = handler;
        this.kafka = kafka;
    }

    @KafkaListener(id = "tower-requests", topics = "${tower.messaging.requests-topic}",
            groupId = "${spring.kafka.consumer.group-id:tower}")
    void onRequest(ConsumerRecord<String, String> record) throws Exception {
        try {
            RequestOutcome outcome = handler.handle(record.value(), RequestSource.kafka());
            log.debug("Request at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), outcome.outcome());
        } catch (UnparseableRequestException e) {
            deadLetter(record, e.getMessage());
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, String reason) throws Exception {
        String dlt = record.topic() + ".DLT";
        ProducerRecord<String, String> out = new ProducerRecord<>(dlt, record.key(), record.value());
        out.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        out.headers().add("tower-dlt-original-offset", (record.topic() + "-" + record.partition() + "@"
                + record.offset()).getBytes(StandardCharsets.UTF_8));
        kafka.send(out).get();
        log.warn("Unparseable request at {}-{}@{} sent to {}: {}", record.topic(), record.partition(),
                record.offset(), dlt, reason);
    }
}
