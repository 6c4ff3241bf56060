package io.binlake.tower.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.common.TowerException;
import io.binlake.tower.messaging.CausingRequest;
import io.binlake.tower.messaging.EventPublisher;
import io.binlake.tower.messaging.TowerEvent;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one handler behind tower.requests and POST /api/v1/requests: validates, runs each requestId at most once,
 * and answers every request with an event: REQUEST_ACCEPTED, or REQUEST_REJECTED with a code and message.
 */
@Service
public class RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);
    private final Map<RequestType, RequestCommand> commands = new EnumMap<>(RequestType.class);
    private final RequestLogRepository requestLog;
    private final EventPublisher events;
    private final TransactionTemplate transactions;
    private final Validator validator;
    private final ObjectMapper strictJson;

    RequestHandler(List<RequestCommand> commands, RequestLogRepository requestLog, EventPublisher events,
            TransactionTemplate transactions, Validator validator, ObjectMapper json) {
        commands.forEach(c -> this.commands.put(c.type(), c));
        this.requestLog = requestLog;
        this.events = events;
        this.transactions = transactions;
        this.validator = validator;
        this.strictJson = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Parses and handles a raw message; throws UnparseableRequestException when it is not JSON at all. */
    public RequestOutcome handle(String raw, RequestSource source) {
        JsonNode tree;
        try {
            tree = raw == null ? null : strictJson.readTree(raw);
        } catch (JsonProcessingException e) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            RequestOutcome rejected = new RequestOutcome(null, null, RequestOutcome.Outcome.REJECTED,
                    ErrorCode.MALFORMED_REQUEST.name(), "The request is not a JSON object.", null, null, null);
            publishAlone(rejected);
            throw new UnparseableRequestException("not a JSON object");
        }
        TowerRequest request;
        try {
            request = strictJson.treeToValue(tree, TowerRequest.class);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            return rejectUnlogged(text(tree, "requestId"), text(tree, "type"), ErrorCode.MALFORMED_REQUEST,
                    "The request does not have the expected shape: " + truncate(reason, 300));
        }
        return handle(request, source);
    }

    public RequestOutcome handle(TowerRequest request, RequestSource source) {
        Set<ConstraintViolation<TowerRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            String fields = violations.stream().sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage()).collect(Collectors.joining("; "));
            boolean idUsable = violations.stream().noneMatch(v -> v.getPropertyPath().toString().equals("requestId"));
            if (!idUsable) {
                return rejectUnlogged(request.requestId(), typeName(request), ErrorCode.VALIDATION_FAILED, fields);
            }
            Map<String, Object> byField = new java.util.TreeMap<>();
            violations.forEach(v -> byField.putIfAbsent(v.getPropertyPath().toString(), v.getMessage()));
            return reject(request, source, null, new TowerException(ErrorCode.VALIDATION_FAILED, fields,
                    Map.of("fields", byField)));
        }
        Optional<RequestOutcome> earlier = requestLog.findById(request.requestId()).map(RequestLogEntry::outcome);
        if (earlier.isPresent()) {
            return answerAgain(earlier.get());
        }
        RequestCommand command = commands.get(request.type());
        if (command == null) {
            return reject(request, source, null, new TowerException(ErrorCode.REQUEST_NOT_ALLOWED,
                    request.type() + " requests are not handled by this Tower version yet."));
        }
        String instanceId = command.instanceIdOf(request);
        try {
            return transactions.execute(status -> {
                events.publish(TowerEvent.requestAccepted(request.requestId(), request.type().name(), instanceId,
                        null, false));
                RequestCommand.Result result = CausingRequest.with(request.requestId(),
                        () -> command.execute(request, source));
                RequestOutcome accepted = new RequestOutcome(request.requestId(), request.type().name(),
                        RequestOutcome.Outcome.ACCEPTED, null, result.message(), result.instanceId(),
                        result.processInstanceId(), null);
                requestLog.saveAndFlush(new RequestLogEntry(accepted, source.channel().name(), requester(request, source)));
                return accepted;
            });
        } catch (TowerException e) {
            return reject(request, source, instanceId, e);
        } catch (DataIntegrityViolationException e) {
            // The same requestId ran concurrently elsewhere and committed first: answer as a duplicate.
            return requestLog.findById(request.requestId()).map(o -> answerAgain(o.outcome())).orElseThrow(() -> e);
        }
    }

    private RequestOutcome answerAgain(RequestOutcome earlier) {
        transactions.executeWithoutResult(s -> events.publish(earlier.accepted()
                ? TowerEvent.requestAccepted(earlier.requestId(), earlier.type(), earlier.instanceId(),
                        earlier.message(), true)
                : TowerEvent.requestRejected(earlier.requestId(), earlier.type(), earlier.instanceId(), earlier.code(),
                        earlier.message(), true)));
        return earlier.asDuplicate();
    }

    private RequestOutcome reject(TowerRequest request, RequestSource source, String instanceId, TowerException e) {
        RequestOutcome rejected = new RequestOutcome(request.requestId(), typeName(request),
                RequestOutcome.Outcome.REJECTED, e.code().name(), e.getMessage(), instanceId, null, null,
                e.details());
        log.info("Request {} ({}) rejected: {} {}", request.requestId(), typeName(request), e.code(), e.getMessage());
        try {
            transactions.executeWithoutResult(s -> {
                requestLog.saveAndFlush(new RequestLogEntry(rejected, source.channel().name(),
                        requester(request, source)));
                events.publish(TowerEvent.requestRejected(rejected.requestId(), rejected.type(), instanceId,
                        rejected.code(), rejected.message(), false));
            });
        } catch (DataIntegrityViolationException race) {
            return requestLog.findById(request.requestId()).map(o -> answerAgain(o.outcome())).orElseThrow(() -> race);
        }
        return rejected;
    }

    /** A rejection that cannot be recorded under its requestId (missing or invalid id, unreadable shape). */
    private RequestOutcome rejectUnlogged(String requestId, String type, ErrorCode code, String message) {
        RequestOutcome rejected = new RequestOutcome(truncate(requestId, 128), truncate(type, 32),
                RequestOutcome.Outcome.REJECTED, code.name(), message, null, null, null);
        log.info("Request {} rejected: {} {}", rejected.requestId(), code, message);
        publishAlone(rejected);
        return rejected;
    }

    private void publishAlone(RequestOutcome rejected) {
        transactions.executeWithoutResult(s -> events.publish(TowerEvent.requestRejected(rejected.requestId(),
                rejected.type(), null, rejected.code(), rejected.message(), false)));
    }

    private static String requester(TowerRequest request, RequestSource source) {
        return source.isUser() ? source.userId() : request.requestedBy();
    }

    private static String typeName(TowerRequest r) {
        return r.type() == null ? null : r.type().name();
    }

    private static String text(JsonNode tree, String field) {
        JsonNode n = tree.get(field);
        return n != null && n.isValueNode() ? n.asText() : null;
    }

    private static String truncate(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max);
    }
}
