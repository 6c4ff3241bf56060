package io.binlake.tower.testsupport;

import io.binlake.tower.security.SuperAdminRepository;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

@TestConfiguration(proxyBeanMethods = false)
public class TestSupportConfiguration {
    @Bean
    io.binlake.tower.manager.simulator.ManagerSimulator managerSimulator() {
        return TestSimulators.manager();
    }

    @Bean
    io.binlake.tower.dbs.simulator.DbsSimulator dbsSimulator() {
        return TestSimulators.dbs();
    }

    @Bean
    TestUsers testUsers(IdentityService identityService, SuperAdminRepository superAdmins) {
        return new TestUsers(identityService, superAdmins);
    }
}
