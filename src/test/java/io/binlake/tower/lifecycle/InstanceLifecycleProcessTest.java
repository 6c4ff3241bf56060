package io.binlake.tower.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.binlake.tower.cluster.DbsProvider;
import io.binlake.tower.common.Ids;
import io.binlake.tower.group.GroupAccess;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.FormFieldValidationConstraint;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.Bean;

/**
 * Every path of bpmn/instance-lifecycle.bpmn on an in-memory engine, with recording stand-ins for Tower's delegates
 * (see {@link ProcessTestDelegates}) and every job executed by hand. The engine's configuration is not named
 * camunda.cfg.xml on purpose: see the comment in process-test.camunda.cfg.xml.
 */
@Deployment(resources = "bpmn/instance-lifecycle.bpmn")
class InstanceLifecycleProcessTest {
    @RegisterExtension
    static final ProcessEngineExtension ENGINE = ProcessEngineExtension.builder()
            .configurationResource("process-test.camunda.cfg.xml").build();

    static final String PROCESS = OnboardInstanceCommand.PROCESS_KEY;
    static final String HOST = "db1.example.com";
    static final int PORT = 3306;
    static final String INSTANCE_ID = Ids.instance(HOST, PORT);
    static final String GROUP = "payments";
    static final String APPROVERS = GroupAccess.approverGroupId(GROUP);
    static final String DBAS = "dba";
    static final String RETRY_CYCLE = "R2/PT1M";
    /** The engine gives each job of a step with a retry cycle the cycle's repetitions as its retries. */
    static final int ATTEMPTS = 2;
    /** Reminders repeat (R without a count: until the wait ends); expiry is a one-off duration. */
    static final String DBS_REMINDER = "R/P1D";
    static final String DBS_EXPIRY = "P7D";
    static final String APPROVAL_REMINDER = "R/P2D";

    /** The service tasks that call MySQL, DBS or the manager: each must be its own retried, incident-raising job. */
    static final List<String> EXTERNAL_STEPS = List.of("verifyReplica", "openDbsOrder", "grantDumpAccount",
            "forceRowFormat", "readStartPosition", "createZnodes", "setOnline");
    static final List<String> DUMP_STEPS = List.of("grantDumpAccount", "forceRowFormat", "readStartPosition",
            "createZnodes", "setOnline");
    /** The ends that decide the instance's fate (the reminder branches' ends only end their own token). */
    static final List<String> END_EVENTS = List.of("online", "refused", "rejectedByDbs", "expired", "dbaExpiredEnd",
            "opposed");
    /** The stop after setOnline's own job: its asyncAfter continuation, which runs recordOnline. */
    static final String AFTER_SET_ONLINE = "setOnline (asyncAfter)";
    /** Where the HTTP-provider happy path stops for a job, a message or a user task, in order. */
    static final List<String> HTTP_STOPS = List.of("verifyReplica", "openDbsOrder", "awaitDbsDecision",
            "approveOnboarding", "grantDumpAccount", "forceRowFormat", "readStartPosition", "createZnodes",
            "setOnline", AFTER_SET_ONLINE);

    final ProcessTestDelegates delegates = new ProcessTestDelegates();
    RuntimeService runtime;
    TaskService tasks;
    ManagementService management;
    HistoryService history;
    FormService forms;
    IdentityService identity;
    RepositoryService repository;

    @BeforeEach
    void engineAndStandIns() {
        BpmnAwareTests.init(ENGINE.getProcessEngine());
        runtime = ENGINE.getRuntimeService();
        tasks = ENGINE.getTaskService();
        management = ENGINE.getManagementService();
        history = ENGINE.getHistoryService();
        forms = ENGINE.getFormService();
        identity = ENGINE.getIdentityService();
        repository = ENGINE.getRepositoryService();
        delegates.register();
    }

    @AfterEach
    void forgetStandIns() {
        identity.clearAuthentication();
        ClockUtil.reset();
        Mocks.reset();
        BpmnAwareTests.reset();
    }

    // --- 1. HTTP provider: the whole way to online ---------------------------------------------------------------

    @Test
    void httpProviderHappyPathGoesOnlineRunningEachExternalStepAsItsOwnJob() {
        ProcessInstance pi = start(DbsProvider.HTTP);
        assertThat(pi).isStarted().hasBusinessKey(INSTANCE_ID).hasProcessDefinitionKey(PROCESS);

        runAsyncStep(pi, "verifyReplica");
        Instant enteredWait = now();
        runAsyncStep(pi, "openDbsOrder");
        Instant waiting = now();

        assertThat(pi).isWaitingAtExactly("awaitDbsDecision").hasPassed("dbsKind")
                .hasVariables("dbsOrderId", "dbsOrderUrl");
        assertThat(runtime.createEventSubscriptionQuery().processInstanceId(pi.getId())
                .eventName(DbsDecisionCommand.MESSAGE).count()).isEqualTo(1);
        assertDue(job("dbsReminder", pi), enteredWait, waiting, DBS_REMINDER);
        assertDue(job("dbsExpired", pi), enteredWait, waiting, DBS_EXPIRY);

        dbsDecides(pi, true, "dbs-alice", "looks fine");
        assertThat(pi).isWaitingAtExactly("approveOnboarding").hasPassed("dbsDecided", "recordDbsApproval");
        assertThat(jobActivities(pi)).as("the DBS timers end with the wait").containsExactly("approvalReminder");

        Task approval = task(pi);
        assertThat(approval).hasDefinitionKey("approveOnboarding").hasName("Approve onboarding of " + HOST + ":" + PORT)
                .hasCandidateGroup(APPROVERS).isNotAssigned();
        assertThat(candidateGroups(approval)).containsExactly(APPROVERS);
        assertApprovalForm(approval);

        identity.setAuthenticatedUserId("approver-bob");
        complete(approval, withVariables("decision", "agree", "comment", "go ahead"));
        identity.clearAuthentication();

        assertThat(pi).hasPassed("agreed", "recordAgreement").isWaitingAtExactly("grantDumpAccount");
        goOnline(pi);

        assertEndedAt(pi, "online");
        assertThat(pi).hasPassedInOrder("registered", "verifyReplica", "openDbsOrder", "dbsKind", "awaitDbsDecision",
                "dbsDecided", "recordDbsApproval", "approveOnboarding", "agreed", "recordAgreement", "grantDumpAccount",
                "forceRowFormat", "readStartPosition", "createZnodes", "setOnline", "recordOnline", "online");
        assertThat(pi).hasNotPassed("dbaDecision", "remindDbs", "remindApprovers");
        assertThat(delegates.names()).containsExactly("verifyReplica", "openDbsOrder", "recordDbsApproval",
                "taskCreated", "approvalDecided", "recordAgreement", "grantDumpAccount", "forceRowFormat",
                "readStartPosition", "createZnodes", "setOnline", "recordOnline");
        assertThat(variable(pi, "dbsApproved")).isEqualTo(true);
        assertThat(variable(pi, "dbsApprover")).isEqualTo("dbs-alice");
        assertThat(variable(pi, "dbsComment")).isEqualTo("looks fine");
        assertThat(variable(pi, "decidedBy")).isEqualTo("approver-bob");
        assertThat(variable(pi, "decisionComment")).isEqualTo("go ahead");
    }

    @Test
    void approvalFormTakesOnlyAgreeOrOpposeAndNoChangeToTheReadOnlyFacts() {
        ProcessInstance pi = start(DbsProvider.HTTP);
        advanceThrough(pi, "awaitDbsDecision");
        Task approval = task(pi);

        assertThatThrownBy(() -> forms.submitTaskForm(approval.getId(), Map.of("comment", "no decision")))
                .isInstanceOf(FormFieldValidatorException.class).hasMessageContaining("decision");
        assertThatThrownBy(() -> forms.submitTaskForm(approval.getId(), Map.of("decision", "maybe")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("maybe");
        assertThatThrownBy(() -> forms.submitTaskForm(approval.getId(),
                Map.of("decision", "agree", "host", "master.example.com")))
                .isInstanceOf(FormFieldValidatorException.class).hasMessageContaining("host");
        assertThat(pi).isWaitingAtExactly("approveOnboarding");
        assertThat(delegates.count("approvalDecided")).isZero();

        forms.submitTaskForm(approval.getId(), Map.of("decision", "oppose", "comment", "not this one"));
        assertEndedAt(pi, "opposed");
        assertThat(variable(pi, "host")).isEqualTo(HOST);
    }

    // --- 2. JDBC provider: the DBAs decide in Tasklist ------------------------------------------------------------

    @Test
    void jdbcProviderAsksTheDbasInsteadOfWaitingForADbsMessageThenGoesOnline() {
        ProcessInstance pi = start(DbsProvider.JDBC);
        runAsyncStep(pi, "verifyReplica");
        Instant enteredWait = now();
        runAsyncStep(pi, "openDbsOrder");
        Instant waiting = now();

        assertThat(pi).isWaitingAtExactly("dbaDecision").hasPassed("dbsKind").hasNotPassed("awaitDbsDecision");
        assertThat(runtime.createEventSubscriptionQuery().processInstanceId(pi.getId()).count())
                .as("no DBS message is awaited").isZero();
        assertThat(jobActivities(pi)).as("the DBA wait's own timers").containsExactly("dbaExpired", "dbaReminder");
        assertDue(job("dbaReminder", pi), enteredWait, waiting, DBS_REMINDER);
        assertDue(job("dbaExpired", pi), enteredWait, waiting, DBS_EXPIRY);
        Task authorize = task(pi);
        assertThat(authorize).hasDefinitionKey("dbaDecision").hasName("Authorize dump of " + HOST + ":" + PORT)
                .hasCandidateGroup(DBAS);
        assertThat(candidateGroups(authorize)).containsExactly(DBAS);
        assertDbaForm(authorize);

        identity.setAuthenticatedUserId("dba-carol");
        complete(authorize, withVariables("authorization", "authorize", "comment", "granted"));
        identity.clearAuthentication();

        assertThat(pi).hasPassed("dbsDecided", "recordDbsApproval").isWaitingAtExactly("approveOnboarding");
        assertThat(jobActivities(pi)).as("the DBA timers end with the task").containsExactly("approvalReminder");
        assertThat(task(pi)).hasCandidateGroup(APPROVERS);
        complete(task(pi), withVariables("decision", "agree"));
        goOnline(pi);

        assertEndedAt(pi, "online");
        assertThat(pi).hasPassedInOrder("openDbsOrder", "dbsKind", "dbaDecision", "dbsDecided", "recordDbsApproval",
                "approveOnboarding", "recordAgreement", "grantDumpAccount", "setOnline", "recordOnline", "online");
        assertThat(pi).hasNotPassed("remindDba", "recordDbaExpiry");
        assertThat(delegates.names()).containsExactly("verifyReplica", "openDbsOrder", "taskCreated", "dbaDecided",
                "recordDbsApproval", "taskCreated", "approvalDecided", "recordAgreement", "grantDumpAccount",
                "forceRowFormat", "readStartPosition", "createZnodes", "setOnline", "recordOnline");
        assertThat(variable(pi, "dbsApproved")).isEqualTo(true);
        assertThat(variable(pi, "dbsApprover")).isEqualTo("dba-carol");
        assertThat(variable(pi, "dbsComment")).isEqualTo("granted");
    }

    @Test
    void dbaFormTakesOnlyAuthorizeOrRejectAndTheListenerRefusesAnythingElse() {
        ProcessInstance pi = start(DbsProvider.JDBC);
        runAsyncStep(pi, "verifyReplica");
        runAsyncStep(pi, "openDbsOrder");
        Task authorize = task(pi);

        assertThatThrownBy(() -> forms.submitTaskForm(authorize.getId(), Map.of("comment", "no authorization")))
                .isInstanceOf(FormFieldValidatorException.class).hasMessageContaining("authorization");
        assertThatThrownBy(() -> forms.submitTaskForm(authorize.getId(), Map.of("authorization", "maybe")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("maybe");
        assertThatThrownBy(() -> forms.submitTaskForm(authorize.getId(),
                Map.of("authorization", "authorize", "cluster", "other")))
                .isInstanceOf(FormFieldValidatorException.class).hasMessageContaining("cluster");
        assertThat(delegates.count("dbaDecided")).as("the form refuses before the listener").isZero();

        // TaskService.complete (engine REST's /task/{id}/complete) skips the form: the listener must refuse.
        assertThatThrownBy(() -> tasks.complete(authorize.getId(), Map.of("approved", true)))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("authorization must be 'authorize' or 'reject', got 'null'");
        assertThatThrownBy(() -> tasks.complete(authorize.getId(), Map.of("authorization", "yes")))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("authorization must be 'authorize' or 'reject', got 'yes'");
        assertThatThrownBy(() -> tasks.complete(authorize.getId(), Map.of("authorization", true)))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("got 'true'");
        assertThat(pi).isWaitingAtExactly("dbaDecision");
        assertThat(task(pi).getId()).as("the refused completions left the task open").isEqualTo(authorize.getId());
        assertThat(runtime.getVariable(pi.getId(), "dbsApproved")).isNull();

        forms.submitTaskForm(authorize.getId(), Map.of("authorization", "reject", "comment", "not on this host"));
        assertEndedAt(pi, "rejectedByDbs");
        assertThat(variable(pi, "dbsApproved")).isEqualTo(false);
        assertThat(variable(pi, "dbsComment")).isEqualTo("not on this host");
    }

    // --- 3. Not a replica ----------------------------------------------------------------------------------------

    @Test
    void instanceThatIsNotAReplicaIsRefusedThroughTheErrorBoundary() {
        delegates.refuseReplica("db1.example.com:3306 is a master");
        ProcessInstance pi = start(DbsProvider.HTTP);

        runAsyncStep(pi, "verifyReplica");

        assertEndedAt(pi, "refused");
        assertThat(pi).hasPassedInOrder("verifyReplica", "instanceRefused", "recordRefusal", "refused")
                .hasNotPassed("openDbsOrder");
        assertThat(delegates.names()).containsExactly("verifyReplica", "recordRefusal");
        assertThat(variable(pi, "refusalReason")).isEqualTo("db1.example.com:3306 is a master");
        assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    // --- 4. DBS or the DBAs reject ---------------------------------------------------------------------------------

    @Test
    void dbsRejectionOverHttpEndsRejectedByDbs() {
        ProcessInstance pi = start(DbsProvider.HTTP);
        advanceThrough(pi, "openDbsOrder");

        dbsDecides(pi, false, "dbs-alice", "master of a critical cluster");

        assertEndedAt(pi, "rejectedByDbs");
        assertThat(pi).hasPassedInOrder("awaitDbsDecision", "dbsDecided", "recordDbsRejection", "rejectedByDbs")
                .hasNotPassed("recordDbsApproval", "approveOnboarding");
        assertThat(delegates.names()).containsExactly("verifyReplica", "openDbsOrder", "recordDbsRejection");
        assertThat(variable(pi, "dbsComment")).isEqualTo("master of a critical cluster");
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void dbaRejectionWithTheJdbcProviderEndsRejectedByDbs() {
        ProcessInstance pi = start(DbsProvider.JDBC);
        runAsyncStep(pi, "verifyReplica");
        runAsyncStep(pi, "openDbsOrder");

        tasks.claim(task(pi).getId(), "dba-dave");
        complete(task(pi), withVariables("authorization", "reject", "comment", "no dump account on this one"));

        assertEndedAt(pi, "rejectedByDbs");
        assertThat(pi).hasPassedInOrder("dbaDecision", "dbsDecided", "recordDbsRejection", "rejectedByDbs")
                .hasNotPassed("recordDbsApproval", "approveOnboarding");
        assertThat(delegates.names()).containsExactly("verifyReplica", "openDbsOrder", "taskCreated", "dbaDecided",
                "recordDbsRejection");
        assertThat(variable(pi, "dbsApproved")).isEqualTo(false);
        assertThat(variable(pi, "dbsApprover")).isEqualTo("dba-dave");
        assertThat(variable(pi, "dbsComment")).isEqualTo("no dump account on this one");
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    // --- 5. Nobody decides in time ---------------------------------------------------------------------------------

    @Test
    void dbsExpiryEndsExpiredAndALateDecisionNoLongerCorrelates() {
        ProcessInstance pi = start(DbsProvider.HTTP);
        advanceThrough(pi, "openDbsOrder");

        execute(job("dbsExpired", pi));

        assertEndedAt(pi, "expired");
        assertThat(pi).hasPassedInOrder("awaitDbsDecision", "dbsExpired", "recordExpiry", "expired")
                .hasNotPassed("dbsDecided", "remindDbs");
        assertThat(delegates.names()).containsExactly("verifyReplica", "openDbsOrder", "recordExpiry");
        assertThat(delegates.calls()).last().isEqualTo(new ProcessTestDelegates.Call("recordExpiry", "recordExpiry"));
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).count())
                .as("the reminder timer is cancelled with the wait").isZero();
        assertThatThrownBy(() -> runtime.createMessageCorrelation(DbsDecisionCommand.MESSAGE)
                .processInstanceBusinessKey(INSTANCE_ID).setVariable("dbsApproved", true).correlate())
                .isInstanceOf(MismatchingMessageCorrelationException.class);
    }

    @Test
    void dbaExpiryEndsInItsOwnBranchAndWithdrawsTheDbaTask() {
        ProcessInstance pi = start(DbsProvider.JDBC);
        runAsyncStep(pi, "verifyReplica");
        runAsyncStep(pi, "openDbsOrder");
        Task authorize = task(pi);

        execute(job("dbaExpired", pi));

        assertEndedAt(pi, "dbaExpiredEnd");
        assertThat(pi).hasPassedInOrder("dbaDecision", "dbaExpired", "recordDbaExpiry", "dbaExpiredEnd")
                .hasNotPassed("dbsDecided", "recordExpiry", "remindDba");
        assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(history.createHistoricTaskInstanceQuery().taskId(authorize.getId()).singleResult()
                .getDeleteReason()).as("withdrawn, not completed").isEqualTo("deleted");
        assertThat(delegates.names()).containsExactly("verifyReplica", "openDbsOrder", "taskCreated", "recordExpiry");
        assertThat(delegates.calls()).last()
                .isEqualTo(new ProcessTestDelegates.Call("recordExpiry", "recordDbaExpiry"));
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).count())
                .as("the DBA reminder is cancelled with the task").isZero();
    }

    // --- 6. Reminders repeat and leave the wait where it was -------------------------------------------------------

    @Test
    void dbsAndApprovalRemindersAreNonInterruptingAndRepeatEveryCycle() {
        ProcessInstance pi = start(DbsProvider.HTTP);
        advanceThrough(pi, "openDbsOrder");
        Job expiry = job("dbsExpired", pi);

        fireReminder(pi, "dbsReminder", DBS_REMINDER);

        assertThat(pi).isWaitingAtExactly("awaitDbsDecision").hasPassed("dbsReminder", "remindDbs", "dbsReminded");
        assertThat(delegates.calls()).last().isEqualTo(new ProcessTestDelegates.Call("sendReminder", "remindDbs"));
        assertThat(jobActivities(pi)).containsExactly("dbsExpired", "dbsReminder");

        fireReminder(pi, "dbsReminder", DBS_REMINDER);

        assertThat(pi).isWaitingAtExactly("awaitDbsDecision");
        assertThat(delegates.count("sendReminder")).isEqualTo(2);
        assertThat(historicCount(pi, "remindDbs")).isEqualTo(2);
        Job stillExpiring = job("dbsExpired", pi);
        assertThat(stillExpiring.getId()).as("reminders leave the expiry alone").isEqualTo(expiry.getId());
        assertThat(stillExpiring.getDuedate()).isEqualTo(expiry.getDuedate());

        Instant enteredApproval = now();
        dbsDecides(pi, true, "dbs-alice", null);
        assertThat(jobActivities(pi)).as("the DBS reminder ends with the wait").containsExactly("approvalReminder");
        assertDue(job("approvalReminder", pi), enteredApproval, now(), APPROVAL_REMINDER);
        Task approval = task(pi);

        fireReminder(pi, "approvalReminder", APPROVAL_REMINDER);
        fireReminder(pi, "approvalReminder", APPROVAL_REMINDER);

        assertThat(pi).isWaitingAtExactly("approveOnboarding").hasPassed("remindApprovers", "approversReminded");
        assertThat(delegates.calls()).last()
                .isEqualTo(new ProcessTestDelegates.Call("sendReminder", "remindApprovers"));
        assertThat(historicCount(pi, "remindApprovers")).isEqualTo(2);
        assertThat(task(pi).getId()).as("the same task stays open").isEqualTo(approval.getId());
        assertThat(delegates.count("taskCreated")).isEqualTo(1);
        assertThat(jobActivities(pi)).containsExactly("approvalReminder");

        complete(task(pi), withVariables("decision", "agree"));
        assertThat(jobActivities(pi)).as("the approval reminder ends with the task").containsExactly("grantDumpAccount");
        goOnline(pi);
        assertEndedAt(pi, "online");
        assertThat(delegates.count("sendReminder")).isEqualTo(4);
    }

    @Test
    void dbaReminderIsNonInterruptingRepeatsInItsOwnBranchAndKeepsTheSameTask() {
        ProcessInstance pi = start(DbsProvider.JDBC);
        runAsyncStep(pi, "verifyReplica");
        runAsyncStep(pi, "openDbsOrder");
        Task authorize = task(pi);
        Job expiry = job("dbaExpired", pi);

        fireReminder(pi, "dbaReminder", DBS_REMINDER);

        assertThat(pi).isWaitingAtExactly("dbaDecision").hasPassed("dbaReminder", "remindDba", "dbaReminded")
                .hasNotPassed("remindDbs", "dbsReminded");
        assertThat(delegates.calls()).last().isEqualTo(new ProcessTestDelegates.Call("sendReminder", "remindDba"));
        assertThat(task(pi).getId()).isEqualTo(authorize.getId());
        assertThat(jobActivities(pi)).containsExactly("dbaExpired", "dbaReminder");

        fireReminder(pi, "dbaReminder", DBS_REMINDER);

        assertThat(pi).isWaitingAtExactly("dbaDecision");
        assertThat(historicCount(pi, "remindDba")).isEqualTo(2);
        assertThat(task(pi).getId()).isEqualTo(authorize.getId());
        assertThat(delegates.count("taskCreated")).isEqualTo(1);
        assertThat(job("dbaExpired", pi).getId()).as("reminders leave the expiry alone").isEqualTo(expiry.getId());

        complete(task(pi), withVariables("authorization", "authorize"));
        assertThat(pi).isWaitingAtExactly("approveOnboarding");
        assertThat(jobActivities(pi)).as("the DBA timers end with the task").containsExactly("approvalReminder");
        assertThat(delegates.count("sendReminder")).isEqualTo(2);
    }

    // --- 7. The approver opposes -----------------------------------------------------------------------------------

    @Test
    void approverOppositionEndsOpposedWithoutTouchingTheInstance() {
        ProcessInstance pi = start(DbsProvider.HTTP);
        advanceThrough(pi, "awaitDbsDecision");

        tasks.claim(task(pi).getId(), "approver-erin");
        complete(task(pi), withVariables("decision", "oppose", "comment", "topic not agreed with the owners"));

        assertEndedAt(pi, "opposed");
        assertThat(pi).hasPassedInOrder("approveOnboarding", "agreed", "recordOpposition", "opposed")
                .hasNotPassed("recordAgreement", "grantDumpAccount");
        assertThat(delegates.names()).containsExactly("verifyReplica", "openDbsOrder", "recordDbsApproval",
                "taskCreated", "approvalDecided", "recordOpposition");
        assertThat(variable(pi, "decidedBy")).isEqualTo("approver-erin");
        assertThat(variable(pi, "decisionComment")).isEqualTo("topic not agreed with the owners");
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    // --- 8. An outside system fails --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"verifyReplica", "openDbsOrder", "grantDumpAccount", "forceRowFormat",
            "readStartPosition", "createZnodes", "setOnline"})
    void failingExternalStepRetriesPerRetryCycleThenRaisesAnIncidentAndResumesThere(String step) {
        String error = step + ": connection refused";
        delegates.fail(step, new IllegalStateException(error));
        ProcessInstance pi = start(DbsProvider.HTTP);
        for (String stop : HTTP_STOPS.subList(0, HTTP_STOPS.indexOf(step))) {
            advance(pi, stop);
        }
        Map<String, Long> before = callCounts();

        Job job = job(step, pi);
        assertThat(jobConfiguration(job)).isEqualTo("async-before");
        job = failUntilIncident(job, error);

        Incident incident = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo(step);
        assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(incident.getIncidentMessage()).isEqualTo(error);
        assertThat(pi).isWaitingAtExactly(step);
        assertThat(delegates.count(step)).as("every attempt failed").isEqualTo(ATTEMPTS);

        delegates.heal(step);
        management.setJobRetries(job.getId(), 1);
        assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count())
                .as("new retries resolve the incident").isZero();
        execute(job(step, pi));

        assertThat(delegates.count(step)).as("the failed attempts and the one that succeeded").isEqualTo(ATTEMPTS + 1);
        for (String stop : HTTP_STOPS.subList(HTTP_STOPS.indexOf(step) + 1, HTTP_STOPS.size())) {
            advance(pi, stop);
        }
        assertEndedAt(pi, "online");
        before.forEach((done, times) -> assertThat(delegates.count(done)).as(done + " is not run again")
                .isEqualTo(times));
        assertThat(delegates.count(step)).isEqualTo(ATTEMPTS + 1);
    }

    @Test
    void failingRecordOnlineRetriesOnlyTheContinuationAndNeverSetsTheDumpOnlineTwice() {
        String error = "recordOnline: deadlock";
        delegates.fail("recordOnline", new IllegalStateException(error));
        ProcessInstance pi = start(DbsProvider.HTTP);
        advanceThrough(pi, "setOnline");
        Job continuation = management.createJobQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(jobConfiguration(continuation)).isEqualTo("async-after");

        continuation = failUntilIncident(continuation, error);

        Incident incident = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).as("the incident is the continuation's, after setOnline")
                .isEqualTo("setOnline");
        assertThat(incident.getIncidentMessage()).isEqualTo(error);
        assertThat(delegates.count("recordOnline")).as("every attempt failed").isEqualTo(ATTEMPTS);
        assertThat(delegates.count("setOnline")).as("the manager was told once").isEqualTo(1);

        delegates.heal("recordOnline");
        management.setJobRetries(continuation.getId(), 1);
        execute(management.createJobQuery().jobId(continuation.getId()).singleResult());

        assertEndedAt(pi, "online");
        assertThat(delegates.count("setOnline")).as("the manager was still told once").isEqualTo(1);
        assertThat(delegates.count("recordOnline")).isEqualTo(ATTEMPTS + 1);
    }

    // --- 9. The model's promises -----------------------------------------------------------------------------------

    @Test
    void definitionIsExecutableAndCleanedUpFromHistory() {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS)
                .singleResult();
        assertThat(definition).isNotNull();
        assertThat(definition.getHistoryTimeToLive()).as("camunda:historyTimeToLive in days").isEqualTo(180);

        BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
        org.camunda.bpm.model.bpmn.instance.Process process = model.getModelElementById(PROCESS);
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("P180D");
    }

    @Test
    void everyExternalStepIsAsyncBeforeWithTheConfiguredRetryCycle() {
        BpmnModelInstance model = model();
        for (String step : EXTERNAL_STEPS) {
            ServiceTask task = model.getModelElementById(step);
            assertThat(task).as(step).isNotNull();
            assertThat(task.isCamundaAsyncBefore()).as(step + " is asyncBefore").isTrue();
            assertThat(task.getExtensionElements()).as(step + " has extension elements").isNotNull();
            List<CamundaFailedJobRetryTimeCycle> cycles = task.getExtensionElements().getElementsQuery()
                    .filterByType(CamundaFailedJobRetryTimeCycle.class).list();
            assertThat(cycles).as(step + " failedJobRetryTimeCycle").hasSize(1);
            assertThat(cycles.get(0).getTextContent()).isEqualTo("${retryCycle}");
        }
        ServiceTask setOnline = model.getModelElementById("setOnline");
        assertThat(setOnline.isCamundaAsyncAfter()).as("recordOnline runs in a job of its own").isTrue();
    }

    @Test
    void modelSpeaksTheSameNamesAsTowersCode() {
        BpmnModelInstance model = model();
        Set<String> expressions = new TreeSet<>();
        model.getModelElementsByType(ServiceTask.class)
                .forEach(t -> expressions.add(beanName(t.getCamundaDelegateExpression())));
        model.getModelElementsByType(CamundaTaskListener.class)
                .forEach(l -> expressions.add(beanName(l.getCamundaDelegateExpression())));
        Set<String> beans = Arrays.stream(LifecycleDelegates.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Bean.class)).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(expressions).as("every delegate expression names a bean of LifecycleDelegates")
                .isSubsetOf(beans);
        assertThat(beans).as("LifecycleDelegates has no bean the model does not use").isEqualTo(expressions);
        Set<String> standIns = new TreeSet<>(ProcessTestDelegates.SERVICE_DELEGATES);
        standIns.addAll(ProcessTestDelegates.TASK_LISTENERS);
        assertThat(standIns).as("every expression has a stand-in here").isEqualTo(expressions);

        BoundaryEvent refused = model.getModelElementById("instanceRefused");
        assertThat(refused.getAttachedTo().getId()).isEqualTo("verifyReplica");
        ErrorEventDefinition error = (ErrorEventDefinition) refused.getEventDefinitions().iterator().next();
        assertThat(error.getError().getErrorCode()).isEqualTo(LifecycleDelegates.REFUSED);
        ReceiveTask wait = model.getModelElementById("awaitDbsDecision");
        assertThat(wait.getMessage().getName()).isEqualTo(DbsDecisionCommand.MESSAGE);
    }

    /** Each wait has its own reminder and expiry branch, reminders repeat and never cancel the wait. */
    @Test
    void everyTimerHasItsOwnBranchAndOnlyExpiryInterrupts() {
        BpmnModelInstance model = model();
        Map<String, String> timers = new LinkedHashMap<>();
        for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
            boundary.getEventDefinitions().stream().filter(TimerEventDefinition.class::isInstance)
                    .map(TimerEventDefinition.class::cast)
                    .forEach(t -> timers.put(boundary.getId(), boundary.getAttachedTo().getId() + ": "
                            + (boundary.cancelActivity() ? "interrupting " : "non-interrupting ") + timer(t) + " → "
                            + branch(boundary)));
        }
        assertThat(timers).containsOnly(
                Map.entry("dbsReminder", "awaitDbsDecision: non-interrupting cycle ${dbsReminder}"
                        + " → remindDbs ${sendReminder} → dbsReminded"),
                Map.entry("dbsExpired", "awaitDbsDecision: interrupting duration ${dbsExpiry}"
                        + " → recordExpiry ${recordExpiry} → expired"),
                Map.entry("dbaReminder", "dbaDecision: non-interrupting cycle ${dbsReminder}"
                        + " → remindDba ${sendReminder} → dbaReminded"),
                Map.entry("dbaExpired", "dbaDecision: interrupting duration ${dbsExpiry}"
                        + " → recordDbaExpiry ${recordExpiry} → dbaExpiredEnd"),
                Map.entry("approvalReminder", "approveOnboarding: non-interrupting cycle ${approvalReminder}"
                        + " → remindApprovers ${sendReminder} → approversReminded"));
        assertThat(END_EVENTS).as("the outcomes this test knows are the model's ends outside reminder branches")
                .containsExactlyInAnyOrderElementsOf(model.getModelElementsByType(EndEvent.class).stream()
                        .map(EndEvent::getId).filter(e -> !e.endsWith("Reminded")).toList());
    }

    // --- 10. The diagram -------------------------------------------------------------------------------------------

    @Test
    void diagramShapesDoNotOverlapExceptBoundaryEventsOnTheirHost() {
        BpmnModelInstance model = model();
        Map<String, Bounds> shapes = shapes(model);
        Map<String, String> hostOf = new HashMap<>();
        model.getModelElementsByType(BoundaryEvent.class)
                .forEach(b -> hostOf.put(b.getId(), b.getAttachedTo().getId()));

        List<String> overlapping = new ArrayList<>();
        List<String> ids = new ArrayList<>(shapes.keySet());
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                String a = ids.get(i);
                String b = ids.get(j);
                boolean onItsHost = b.equals(hostOf.get(a)) || a.equals(hostOf.get(b));
                if (!onItsHost && overlap(shapes.get(a), shapes.get(b))) {
                    overlapping.add(a + " " + describe(shapes.get(a)) + " / " + b + " " + describe(shapes.get(b)));
                }
            }
        }
        assertThat(overlapping).as("shapes whose bounds overlap").isEmpty();
        hostOf.forEach((boundary, host) -> assertThat(overlap(shapes.get(boundary), shapes.get(host)))
                .as(boundary + " is drawn on the border of " + host).isTrue());
    }

    @Test
    void diagramDrawsEveryElementAndEveryFlowFromItsSourceToItsTarget() {
        BpmnModelInstance model = model();
        Map<String, Bounds> shapes = shapes(model);
        assertThat(shapes.keySet()).as("one shape per flow node").containsExactlyInAnyOrderElementsOf(
                model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).toList());

        Map<String, BpmnEdge> edges = new HashMap<>();
        model.getModelElementsByType(BpmnEdge.class).forEach(e -> edges.put(e.getBpmnElement().getId(), e));
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            BpmnEdge edge = edges.get(flow.getId());
            assertThat(edge).as("edge of " + flow.getId()).isNotNull();
            List<Waypoint> points = List.copyOf(edge.getWaypoints());
            assertThat(points).as(flow.getId() + " waypoints").hasSizeGreaterThanOrEqualTo(2);
            assertThat(touches(shapes.get(flow.getSource().getId()), points.get(0)))
                    .as(flow.getId() + " starts at " + flow.getSource().getId()).isTrue();
            assertThat(touches(shapes.get(flow.getTarget().getId()), points.get(points.size() - 1)))
                    .as(flow.getId() + " ends at " + flow.getTarget().getId()).isTrue();
        }
    }

    // --- Driving the process ---------------------------------------------------------------------------------------

    /** What OnboardInstanceCommand passes when it starts the lifecycle. */
    ProcessInstance start(DbsProvider provider) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("instanceId", INSTANCE_ID);
        variables.put("requestId", "req-" + provider);
        variables.put("requestedBy", "erp-7");
        variables.put("host", HOST);
        variables.put("port", (long) PORT);
        variables.put("group", GROUP);
        variables.put("cluster", "zh");
        variables.put("topics", "orders_binlog, refunds_binlog");
        variables.put("filters", "orders_binlog: no filters | refunds_binlog: BLACK pay\\..* [DELETE]");
        variables.put("approverGroup", APPROVERS);
        variables.put("dbsProvider", provider.name());
        variables.put("retryCycle", RETRY_CYCLE);
        variables.put("dbsReminder", DBS_REMINDER);
        variables.put("dbsExpiry", DBS_EXPIRY);
        variables.put("approvalReminder", APPROVAL_REMINDER);
        variables.put("dbaGroup", DBAS);
        ProcessInstance pi = runtime.createProcessInstanceByKey(PROCESS).businessKey(INSTANCE_ID)
                .setVariables(variables).execute();
        assertThat(pi).isWaitingAtExactly("verifyReplica");
        assertThat(delegates.names()).as("nothing runs in the starter's transaction").isEmpty();
        return pi;
    }

    /**
     * Runs the step's job. That the process waits at the step with a fresh job while the step's delegate has not been
     * called for it (the count only grows inside execute) is what asyncBefore means.
     */
    void runAsyncStep(ProcessInstance pi, String step) {
        assertThat(pi).isWaitingAt(step);
        Job job = job(step, pi);
        assertThat(job).as("a job before " + step).isNotNull();
        assertThat(job).as(step + " retries from ${retryCycle}").hasActivityId(step).hasRetries(ATTEMPTS);
        assertThat(jobConfiguration(job)).as(step + "'s job").isEqualTo("async-before");
        long ranBefore = delegates.count(step);
        execute(job);
        assertThat(delegates.count(step)).as(step + " ran in its job").isEqualTo(ranBefore + 1);
        assertThat(management.createJobQuery().jobId(job.getId()).count()).as(step + "'s job is done").isZero();
    }

    /** The dump steps from grantDumpAccount on, including setOnline's asyncAfter continuation. */
    void goOnline(ProcessInstance pi) {
        for (String step : DUMP_STEPS) {
            runAsyncStep(pi, step);
        }
        runAfterSetOnline(pi);
    }

    /**
     * setOnline is asyncAfter as well: once the manager has set the dump online, recordOnline waits for a job of its
     * own, so that a failure in recordOnline rolls back to after setOnline and never tells the manager again.
     */
    void runAfterSetOnline(ProcessInstance pi) {
        assertThat(delegates.names()).as("nothing ran after setOnline in its job").last().isEqualTo("setOnline");
        assertThat(pi).isWaitingAtExactly("setOnline").hasNotPassed("recordOnline");
        Job continuation = management.createJobQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(continuation).as("the job after setOnline").isNotNull();
        assertThat(continuation).hasActivityId("setOnline").hasRetries(ATTEMPTS);
        assertThat(jobConfiguration(continuation)).isEqualTo("async-after");
        long setOnlineRuns = delegates.count("setOnline");
        long recorded = delegates.count("recordOnline");

        execute(continuation);

        assertThat(delegates.count("recordOnline")).as("recordOnline ran in the continuation").isEqualTo(recorded + 1);
        assertThat(delegates.count("setOnline")).as("setOnline is not repeated").isEqualTo(setOnlineRuns);
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    /** Executes a failing job until its retries are used up; returns it as it is left, carrying the incident. */
    Job failUntilIncident(Job failing, String error) {
        Job job = failing;
        List<Integer> retries = new ArrayList<>();
        retries.add(job.getRetries());
        while (job.getRetries() > 0 && retries.size() <= 5) {
            Instant failedAt = now();
            String jobId = job.getId();
            assertThatThrownBy(() -> management.executeJob(jobId)).hasMessageContaining(error);
            job = management.createJobQuery().jobId(jobId).singleResult();
            retries.add(job.getRetries());
            assertThat(job.getExceptionMessage()).isEqualTo(error);
            assertThat(job.getDuedate()).as("retried after the cycle's PT1M")
                    .isAfterOrEqualTo(Date.from(failedAt.plusSeconds(59)));
        }
        assertThat(retries).as("R2 of ${retryCycle}, counted down per failure").containsExactly(ATTEMPTS, 1, 0);
        return job;
    }

    /**
     * Fires the reminder as the job executor would, at its due time (the engine's clock is moved there, nobody
     * sleeps), and checks that a fresh reminder for the next cycle replaces it.
     */
    void fireReminder(ProcessInstance pi, String reminder, String cycle) {
        Job due = job(reminder, pi);
        assertThat(due).as(reminder).isNotNull();
        ClockUtil.setCurrentTime(due.getDuedate());

        execute(due);

        assertThat(management.createJobQuery().jobId(due.getId()).count()).as("the fired reminder is done").isZero();
        Job next = management.createJobQuery().processInstanceId(pi.getId()).activityId(reminder).singleResult();
        assertThat(next).as("the next " + reminder).isNotNull();
        assertDue(next, due.getDuedate().toInstant(), due.getDuedate().toInstant(), cycle);
    }

    void advanceThrough(ProcessInstance pi, String lastStop) {
        for (String stop : HTTP_STOPS.subList(0, HTTP_STOPS.indexOf(lastStop) + 1)) {
            advance(pi, stop);
        }
    }

    void advance(ProcessInstance pi, String stop) {
        switch (stop) {
            case "awaitDbsDecision" -> dbsDecides(pi, true, "dbs-alice", "ok");
            case "approveOnboarding" -> complete(task(pi), withVariables("decision", "agree"));
            case AFTER_SET_ONLINE -> runAfterSetOnline(pi);
            default -> runAsyncStep(pi, stop);
        }
    }

    /** What DbsDecisionCommand does when DBS calls back. */
    void dbsDecides(ProcessInstance pi, boolean approved, String approver, String comment) {
        assertThat(pi).isWaitingAt("awaitDbsDecision");
        var result = runtime.createMessageCorrelation(DbsDecisionCommand.MESSAGE).processInstanceBusinessKey(INSTANCE_ID)
                .setVariable("dbsApproved", approved).setVariable("dbsApprover", approver)
                .setVariable("dbsComment", comment).correlateWithResult();
        assertThat(result.getExecution().getProcessInstanceId()).isEqualTo(pi.getId());
    }

    // --- Assertions ------------------------------------------------------------------------------------------------

    void assertEndedAt(ProcessInstance pi, String end) {
        assertThat(pi).isEnded().hasPassed(end);
        assertThat(pi).hasNotPassed(END_EVENTS.stream().filter(e -> !e.equals(end)).toArray(String[]::new));
        assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    void assertApprovalForm(Task approval) {
        Map<String, FormField> form = formFields(approval);
        assertThat(form).containsOnlyKeys("host", "port", "group", "cluster", "topics", "filters", "requestedBy",
                "decision", "comment");
        Map<String, Object> shown = new HashMap<>();
        for (String fact : List.of("host", "port", "group", "cluster", "topics", "filters", "requestedBy")) {
            assertThat(constraints(form.get(fact))).as(fact + " is read-only").contains("readonly");
            shown.put(fact, form.get(fact).getValue().getValue());
        }
        assertThat(shown).containsEntry("host", HOST).containsEntry("port", (long) PORT).containsEntry("group", GROUP)
                .containsEntry("cluster", "zh").containsEntry("topics", "orders_binlog, refunds_binlog")
                .containsEntry("requestedBy", "erp-7");
        FormField decision = form.get("decision");
        assertThat(decision.getTypeName()).isEqualTo("enum");
        assertThat(constraints(decision)).containsExactly("required");
        @SuppressWarnings("unchecked")
        Map<String, String> values = (Map<String, String>) decision.getType().getInformation("values");
        assertThat(values).containsOnlyKeys("agree", "oppose");
        assertThat(constraints(form.get("comment"))).isEmpty();
    }

    void assertDbaForm(Task authorize) {
        Map<String, FormField> form = formFields(authorize);
        assertThat(form).containsOnlyKeys("host", "port", "group", "cluster", "requestedBy", "authorization",
                "comment");
        Map<String, Object> shown = new HashMap<>();
        for (String fact : List.of("host", "port", "group", "cluster", "requestedBy")) {
            assertThat(constraints(form.get(fact))).as(fact + " is read-only").contains("readonly");
            shown.put(fact, form.get(fact).getValue().getValue());
        }
        assertThat(shown).containsEntry("host", HOST).containsEntry("port", (long) PORT).containsEntry("group", GROUP)
                .containsEntry("cluster", "zh").containsEntry("requestedBy", "erp-7");
        FormField authorization = form.get("authorization");
        assertThat(authorization.getTypeName()).isEqualTo("enum");
        assertThat(constraints(authorization)).containsExactly("required");
        @SuppressWarnings("unchecked")
        Map<String, String> values = (Map<String, String>) authorization.getType().getInformation("values");
        assertThat(values).containsOnlyKeys("authorize", "reject");
        assertThat(constraints(form.get("comment"))).isEmpty();
    }

    /**
     * Due date of a timer: the duration (or one period of the cycle) added on the engine's (local) calendar to when
     * the wait began, or to when the previous reminder was due.
     */
    static void assertDue(Job timer, Instant from, Instant to, String timerValue) {
        assertThat(timer).as("timer").isNotNull();
        Period period = period(timerValue);
        Instant earliest = from.atZone(ZoneId.systemDefault()).plus(period).toInstant().minusSeconds(1);
        Instant latest = to.atZone(ZoneId.systemDefault()).plus(period).toInstant().plusSeconds(1);
        assertThat(timer.getDuedate().toInstant()).as("due after " + timerValue).isBetween(earliest, latest);
    }

    /** P7D, or the period of a cycle such as R/P1D or R3/P2D. */
    static Period period(String timerValue) {
        return Period.parse(timerValue.replaceFirst("^R\\d*/", ""));
    }

    /** The engine's clock, which fireReminder moves forward. */
    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    String jobConfiguration(Job job) {
        return management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
                .getJobConfiguration();
    }

    long historicCount(ProcessInstance pi, String activityId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(pi.getId()).activityId(activityId)
                .finished().count();
    }

    static String timer(TimerEventDefinition timer) {
        List<String> kinds = new ArrayList<>();
        if (timer.getTimeCycle() != null) {
            kinds.add("cycle " + timer.getTimeCycle().getTextContent());
        }
        if (timer.getTimeDuration() != null) {
            kinds.add("duration " + timer.getTimeDuration().getTextContent());
        }
        if (timer.getTimeDate() != null) {
            kinds.add("date " + timer.getTimeDate().getTextContent());
        }
        return String.join(" + ", kinds);
    }

    /** The boundary event's branch: the service task it leads to, its delegate, and where that goes. */
    static String branch(BoundaryEvent boundary) {
        List<String> steps = new ArrayList<>();
        FlowNode node = boundary;
        while (!node.getOutgoing().isEmpty()) {
            assertThat(node.getOutgoing()).as(node.getId() + " goes one way").hasSize(1);
            node = node.getOutgoing().iterator().next().getTarget();
            steps.add(node instanceof ServiceTask task ? node.getId() + " " + task.getCamundaDelegateExpression()
                    : node.getId());
        }
        return String.join(" → ", steps);
    }

    static Map<String, Bounds> shapes(BpmnModelInstance model) {
        Map<String, Bounds> shapes = new LinkedHashMap<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            String element = shape.getBpmnElement().getId();
            assertThat(shapes.put(element, shape.getBounds())).as("one shape for " + element).isNull();
        }
        return shapes;
    }

    /** Strictly overlapping: shapes that only touch along an edge do not hide each other. */
    static boolean overlap(Bounds a, Bounds b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }

    /** The waypoint lies on (or within a pixel of) the shape's bounds. */
    static boolean touches(Bounds shape, Waypoint point) {
        return point.getX() >= shape.getX() - 1 && point.getX() <= shape.getX() + shape.getWidth() + 1
                && point.getY() >= shape.getY() - 1 && point.getY() <= shape.getY() + shape.getHeight() + 1;
    }

    static String describe(Bounds b) {
        return "[x=" + b.getX() + " y=" + b.getY() + " w=" + b.getWidth() + " h=" + b.getHeight() + "]";
    }

    Map<String, FormField> formFields(Task task) {
        Map<String, FormField> fields = new LinkedHashMap<>();
        forms.getTaskFormData(task.getId()).getFormFields().forEach(f -> fields.put(f.getId(), f));
        return fields;
    }

    static List<String> constraints(FormField field) {
        return field.getValidationConstraints().stream().map(FormFieldValidationConstraint::getName).toList();
    }

    List<String> candidateGroups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType())).map(IdentityLink::getGroupId).toList();
    }

    List<String> jobActivities(ProcessInstance pi) {
        return management.createJobQuery().processInstanceId(pi.getId()).list().stream()
                .map(j -> management.createJobDefinitionQuery().jobDefinitionId(j.getJobDefinitionId()).singleResult()
                        .getActivityId())
                .sorted().toList();
    }

    Object variable(ProcessInstance pi, String name) {
        HistoricVariableInstance v = history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(name).singleResult();
        assertThat(v).as("variable " + name).isNotNull();
        return v.getValue();
    }

    Map<String, Long> callCounts() {
        return delegates.names().stream().collect(Collectors.groupingBy(n -> n, Collectors.counting()));
    }

    BpmnModelInstance model() {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS)
                .singleResult();
        return repository.getBpmnModelInstance(definition.getId());
    }

    static String beanName(String expression) {
        assertThat(expression).as("delegate expression").matches("\\$\\{[A-Za-z]+}");
        return expression.substring(2, expression.length() - 1);
    }
}
