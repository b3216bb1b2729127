package io.merchantdesk.kernel.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quarkus.runtime.ImageMode;
import jakarta.inject.Singleton;

/**
 * Jackson's Blackbird module: record accessors and setters are called through generated lambdas instead of
 * reflection, which was the largest single cost of writing a list page (docs/performance.md, stop 19). JVM mode
 * only: a native image cannot define the lambda classes at run time, and there reflection is compiled anyway.
 */
@Singleton
public class FastJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        if (ImageMode.current() != ImageMode.NATIVE_RUN) {
            mapper.registerModule(new BlackbirdModule());
        }
    }
}
