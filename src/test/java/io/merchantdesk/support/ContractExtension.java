package io.merchantdesk.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts {@link ContractFilter} in front of every test class that is not a {@code @QuarkusTest}: the integration tests
 * that drive the packaged jar or the container image with REST Assured. Registered as an auto-detected JUnit
 * extension (META-INF/services, junit-platform.properties). A {@code @QuarkusTest} runs in Quarkus' class loader, with
 * a REST Assured of its own, and gets the filter from {@link ContractFilterInstaller}.
 */
public final class ContractExtension implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        ContractFilter.install();
    }
}
