package io.merchantdesk.kernel;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.merchantdesk.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 12: what a caller gets when the database cannot be reached or a connection dies (kernel.error.DatabaseFailures). */
@QuarkusTest
class DatabaseOutageAnswersTest {

    @Test
    @DisplayName("every shape of a database outage (pool timeout, refused, I/O error, admin shutdown, starting up, failed commit) is a 503 DATABASE_UNAVAILABLE problem with Retry-After")
    void outagesAre503ProblemsWithRetryAfter() {
        var user = Api.user("outage");
        for (String failure : List.of("acquisition-timeout", "creation-timeout", "connection-refused", "io-error", "admin-shutdown",
                "starting-up", "commit-failed")) {
            user.as().get("/test-probe/database/" + failure).then()
                    .statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("code", equalTo("DATABASE_UNAVAILABLE")).body("status", equalTo(503)).body("correlationId", notNullValue());
        }
    }

    @Test
    @DisplayName("an SQL error that is not about the connection is not reported as an outage")
    void otherSqlErrorsAreNotOutages() {
        Api.user("outage").as().get("/test-probe/database/other-sql-error").then()
                .statusCode(not(equalTo(503))).header("Retry-After", (String) null);
    }
}
