package io.binlake.tower.instance;

import java.util.EnumSet;
import java.util.Set;

/**
 * An instance's approval state (DESIGN.md, tower-spec §3.3). The original's {@code dump} is {@code online} here;
 * {@code removed} is the end state of a REMOVE_INSTANCE operation. Transitions not listed are refused, so no action
 * can overwrite a state it does not follow from (tower-spec §8.2.7).
 */
public enum InstanceStatus {
    init, wait, unauthorized, agree, oppose, online, removed;

    /**
     * init → wait (DBS order open) | oppose; wait → unauthorized (DBS approved) | oppose (rejected, expired);
     * unauthorized → agree | oppose (approver's decision); agree → online (granted and dumping); oppose → init
     * (re-apply). Every state but removed may end in removed: for an online instance only the remove operation
     * does that, after it has stopped the dump.
     */
    public boolean canMoveTo(InstanceStatus to) {
        return next().contains(to);
    }

    public Set<InstanceStatus> next() {
        return switch (this) {
            case init -> EnumSet.of(wait, oppose, removed);
            case wait -> EnumSet.of(unauthorized, oppose, removed);
            case unauthorized -> EnumSet.of(agree, oppose, removed);
            case agree -> EnumSet.of(online, removed);
            case oppose -> EnumSet.of(init, removed);
            case online -> EnumSet.of(removed);
            case removed -> EnumSet.noneOf(InstanceStatus.class);
        };
    }

    /**
     * Whether the manager may hold (or be creating) a znode for the instance: agree is the step that grants the
     * account and creates the znodes, online is dumping. Such an instance is only removed by the remove operation,
     * which stops the dump first; deleting the row would leave the wave dumping forever (tower-spec §8.2.2).
     */
    public boolean mayBeDumping() {
        return this == agree || this == online;
    }
}
