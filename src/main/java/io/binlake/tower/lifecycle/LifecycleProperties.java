package io.binlake.tower.lifecycle;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Timers and retries of the instance lifecycle. Durations are ISO-8601 (BPMN timers); they are copied into each
 * process instance's variables when it starts, so Cockpit shows what an instance runs with.
 *
 * @param retryCycle       retry cycle of every external call (manager, DBS, MySQL) before it becomes an incident
 * @param dbsReminder      a repeating cycle (R/P1D: every day) of DECISION_REMINDER events while DBS has not decided
 * @param dbsExpiry        after this long without a DBS decision the instance is opposed
 * @param approvalReminder a repeating cycle of DECISION_REMINDER events while the approvers have not decided
 * @param dbaGroup         Camunda group of the DBAs who decide for DBS when a cluster uses the jdbc provider
 * @param mysqlTimeout     connect/read timeout when Tower reads the start position from the instance
 */
@Validated
@ConfigurationProperties(prefix = "tower.lifecycle")
public record LifecycleProperties(
        @NotBlank @Pattern(regexp = "^(R\\d+/P\\S+|P\\S+(,P\\S+)*)$", message = "an ISO-8601 retry cycle like R5/PT30S")
        String retryCycle,
        @NotBlank @Pattern(regexp = "^R\\d*/P\\S+$", message = "a repeating ISO-8601 cycle like R/P1D")
        String dbsReminder,
        @NotBlank @Pattern(regexp = "^P\\S+$") String dbsExpiry,
        @NotBlank @Pattern(regexp = "^R\\d*/P\\S+$", message = "a repeating ISO-8601 cycle like R/P1D")
        String approvalReminder,
        @NotBlank String dbaGroup,
        Duration mysqlTimeout) {
    public LifecycleProperties {
        mysqlTimeout = mysqlTimeout == null ? Duration.ofSeconds(10) : mysqlTimeout;
    }
}
