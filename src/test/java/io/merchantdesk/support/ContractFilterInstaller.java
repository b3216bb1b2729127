package io.merchantdesk.support;

import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;

/** Puts {@link ContractFilter} in front of every {@code @QuarkusTest} class (registered as a service in META-INF). */
public final class ContractFilterInstaller implements QuarkusTestBeforeClassCallback {
    @Override
    public void beforeClass(Class<?> testClass) {
        ContractFilter.install();
    }
}
