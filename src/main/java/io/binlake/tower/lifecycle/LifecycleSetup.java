package io.binlake.tower.lifecycle;

import io.binlake.tower.security.TasklistAccess;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The DBA group decides for DBS on clusters with the jdbc provider; it must exist and reach Tasklist. */
@Component
class LifecycleSetup {
    private final TasklistAccess tasklist;
    private final LifecycleProperties properties;

    LifecycleSetup(TasklistAccess tasklist, LifecycleProperties properties) {
        this.tasklist = tasklist;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensureDbaGroup() {
        tasklist.ensureGroup(properties.dbaGroup(), "DBAs (authorize dump accounts)", "tower-approvers");
    }
}
