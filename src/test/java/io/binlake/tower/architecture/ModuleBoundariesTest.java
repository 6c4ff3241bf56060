package io.binlake.tower.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module map of DESIGN.md, kept honest: data flows one way and the outside-system clients stay plain. */
@AnalyzeClasses(packages = "io.binlake.tower", importOptions = ModuleBoundariesTest.ProductionCode.class)
class ModuleBoundariesTest {

    /** Main classes only, whatever the build directory is called (tests may share fixtures across packages). */
    static final class ProductionCode implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("/test-classes/");
        }
    }

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices().matching("io.binlake.tower.(*)..")
            .should().beFreeOfCycles();

    /** The manager, DBS and MySQL clients take plain values: they know nothing of Tower's domain or workflow. */
    @ArchTest
    static final ArchRule outsideSystemClientsKnowNoDomain = noClasses()
            .that().resideInAnyPackage("io.binlake.tower.manager..", "io.binlake.tower.dbs..",
                    "io.binlake.tower.binlog..")
            .should().dependOnClassesThat().resideInAnyPackage("io.binlake.tower.group..",
                    "io.binlake.tower.cluster..", "io.binlake.tower.filter..", "io.binlake.tower.topic..",
                    "io.binlake.tower.instance..", "io.binlake.tower.lifecycle..", "io.binlake.tower.request..",
                    "io.binlake.tower.messaging..", "io.binlake.tower.dump..");

    /** The domain knows nothing of Kafka, BPMN or the request and event plumbing around it. */
    @ArchTest
    static final ArchRule domainKnowsNoKafkaNorWorkflow = noClasses()
            .that().resideInAnyPackage("io.binlake.tower.group..", "io.binlake.tower.cluster..",
                    "io.binlake.tower.filter..", "io.binlake.tower.topic..", "io.binlake.tower.instance..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..",
                    "org.camunda.bpm.engine.delegate..", "org.camunda.bpm.engine.runtime..",
                    "io.binlake.tower.lifecycle..", "io.binlake.tower.request..", "io.binlake.tower.messaging..");

    /** Messaging is plumbing: it must not reach back into the features that publish through it. */
    @ArchTest
    static final ArchRule messagingIsPlumbing = noClasses().that().resideInAPackage("io.binlake.tower.messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("io.binlake.tower.lifecycle..",
                    "io.binlake.tower.request..", "io.binlake.tower.instance..", "io.binlake.tower.group..");

    /** The workflow reaches the domain through its services and catalogs, never its repositories. */
    @ArchTest
    static final ArchRule repositoriesArePrivateToTheirFeature = noClasses()
            .that().resideInAnyPackage("io.binlake.tower.lifecycle..", "io.binlake.tower.dump..")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository");
}
