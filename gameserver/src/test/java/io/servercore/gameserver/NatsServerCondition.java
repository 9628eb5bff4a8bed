package io.servercore.gameserver;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a cluster test class, each test reported as skipped with one line saying how to install
 * nats-server, on a machine that has none; with {@code CI} set the tests run and fail instead
 * ({@link NatsServer#start}), since CI must run them.
 */
public final class NatsServerCondition implements ExecutionCondition {
    static final String INSTALL = "nats-server not found; install it with: apt-get install nats-server";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (NatsServer.find() != null || System.getenv("CI") != null) {
            return ConditionEvaluationResult.enabled("nats-server at hand, or required (CI)");
        }
        return ConditionEvaluationResult.disabled(INSTALL);
    }
}
