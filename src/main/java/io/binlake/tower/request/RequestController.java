package io.binlake.tower.request;

import io.binlake.tower.common.ApiError;
import io.binlake.tower.common.ErrorCode;
import io.binlake.tower.security.CurrentUser;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Kafka contract over HTTP, for callers without Kafka: the same handler, the same events. */
@Tag(name = "Requests", description = "Send a tower.requests message over HTTP")
@RestController
@RequestMapping("/api/v1/requests")
class RequestController {
    private final RequestHandler handler;
    private final CurrentUser currentUser;

    RequestController(RequestHandler handler, CurrentUser currentUser) {
        this.handler = handler;
        this.currentUser = currentUser;
    }

    /** 202 when accepted, 200 for a repeated requestId (the first answer again), 4xx with the code when rejected. */
    @PostMapping(consumes = "application/json")
    ResponseEntity<?> submit(@RequestBody(required = false) String body) {
        RequestOutcome outcome;
        try {
            outcome = handler.handle(body, RequestSource.rest(currentUser.id()));
        } catch (UnparseableRequestException e) {
            return ResponseEntity.badRequest().body(new ApiError(ErrorCode.MALFORMED_REQUEST.name(),
                    "The request is not a JSON object.", Map.of()));
        }
        if (Boolean.TRUE.equals(outcome.duplicate())) {
            return ResponseEntity.ok(outcome);
        }
        if (outcome.accepted()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(outcome);
        }
        ErrorCode code = ErrorCode.valueOf(outcome.code());
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        if (outcome.details() != null) {
            details.putAll(outcome.details());
        }
        if (outcome.requestId() != null) {
            details.put("requestId", outcome.requestId());
        }
        return ResponseEntity.status(code.status()).body(new ApiError(outcome.code(), outcome.message(), details));
    }
}
