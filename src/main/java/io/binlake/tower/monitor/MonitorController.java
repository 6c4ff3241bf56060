package io.binlake.tower.monitor;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Dump monitor", description = "Read-only dump status of agree/online instances: the manager's view of "
        + "the dump, the master's current binary log position read with the cluster's dump account, the lag and the "
        + "health rule; and the instance's binary logs. Members of the instance's group and super admins. An outside "
        + "system that fails leaves its half null with an error beside it; the call itself still answers 200.")
// No class-level @Validated: Spring MVC then validates the parameters itself and names them as the client sent
// them (details.fields.size), not as method.parameter.
@RestController
@RequestMapping("/api/v1/instances")
class MonitorController {
    private final DumpStatusService monitor;

    MonitorController(DumpStatusService monitor) {
        this.monitor = monitor;
    }

    @Operation(summary = "Dump position, counters, candidates and last error from the manager, the master's position, "
            + "the lag and the health flag (agree/online instances)")
    @GetMapping("/{id}/dump-status")
    DumpStatus dumpStatus(@PathVariable String id) {
        return monitor.dumpStatus(id);
    }

    @Operation(summary = "The instance's binary log files, newest first, with sizes (agree/online instances)")
    @GetMapping("/{id}/binary-logs")
    BinaryLogs binaryLogs(@PathVariable String id,
            @RequestParam(required = false) @Min(0) @Max(1_000_000) Integer page,
            @RequestParam(required = false) @Min(1) @Max(200) Integer size) {
        return monitor.binaryLogs(id, page == null ? 0 : page, size == null ? 20 : size);
    }
}
