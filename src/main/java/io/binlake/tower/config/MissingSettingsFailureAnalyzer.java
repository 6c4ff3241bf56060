package io.binlake.tower.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the missing production settings as Boot's "APPLICATION FAILED TO START" report, without a stack trace. */
public class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
        return new FailureAnalysis("Tower started with profile 'prod' but these settings are missing or wrong:\n  - "
                + String.join("\n  - ", cause.missing()),
                "Set the environment variables listed (see README, Configuration), or run without profile prod "
                        + "for the embedded default.", cause);
    }
}
