package io.binlake.tower.request;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What became of a request; a duplicate gets the first answer again with duplicate=true. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestOutcome(String requestId, String type, Outcome outcome, String code, String message,
        String instanceId, String processInstanceId, Boolean duplicate,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.Map<String, Object> details) {

    public RequestOutcome(String requestId, String type, Outcome outcome, String code, String message,
            String instanceId, String processInstanceId, Boolean duplicate) {
        this(requestId, type, outcome, code, message, instanceId, processInstanceId, duplicate, null);
    }

    public enum Outcome {
        ACCEPTED, REJECTED
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }

    RequestOutcome asDuplicate() {
        return new RequestOutcome(requestId, type, outcome, code, message, instanceId, processInstanceId, true,
                details);
    }
}
