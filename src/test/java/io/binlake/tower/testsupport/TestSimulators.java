package io.binlake.tower.testsupport;

import io.binlake.tower.dbs.simulator.DbsSimulator;
import io.binlake.tower.manager.simulator.ManagerSimulator;

/**
 * The manager and DBS simulators of the test suite, on free ports (so parallel builds on one machine do not
 * collide), started once per JVM and shared by the one Spring context.
 */
public final class TestSimulators {
    public static final String DBS_TOKEN = "test-dbs-token";
    private static ManagerSimulator manager;
    private static DbsSimulator dbs;

    private TestSimulators() {
    }

    public static synchronized ManagerSimulator manager() {
        if (manager == null) {
            manager = new ManagerSimulator(0).start();
            Runtime.getRuntime().addShutdownHook(new Thread(manager::stop));
        }
        return manager;
    }

    public static synchronized DbsSimulator dbs() {
        if (dbs == null) {
            dbs = new DbsSimulator(0, DBS_TOKEN).start();
            Runtime.getRuntime().addShutdownHook(new Thread(dbs::stop));
        }
        return dbs;
    }
}
