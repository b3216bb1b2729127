package io.merchantdesk.kernel;

import io.quarkus.security.Authenticated;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Test-only: throws the failures a database outage produces, in the shapes they reach the problem mappers. */
@Path("/test-probe/database")
@Authenticated
public class DatabaseOutageProbeResource {

    @GET
    @Path("/{failure}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public String fail(@PathParam("failure") String failure) throws Exception {
        throw switch (failure) {
            case "acquisition-timeout" -> new GenericJDBCException("Unable to acquire JDBC Connection", new SQLException("Sorry, acquisition timeout!"));
            case "creation-timeout" -> new GenericJDBCException("Unable to acquire JDBC Connection",
                    new SQLException("Acquisition timeout while waiting for new connection", new TimeoutException()));
            case "connection-refused" -> new JDBCConnectionException("Unable to acquire JDBC Connection",
                    new PSQLException("Connection to 127.0.0.1:5432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT));
            case "io-error" -> new PersistenceException("could not execute statement",
                    new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE));
            case "admin-shutdown" -> new PersistenceException("could not execute statement",
                    new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
            case "starting-up" -> new SQLException("FATAL: the database system is starting up", "57P03");
            case "commit-failed" -> {
                RollbackException e = new RollbackException("ARJUNA016053: Could not commit transaction.");
                e.addSuppressed(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
                yield e;
            }
            case "other-sql-error" -> new PersistenceException("could not execute statement",
                    new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
            default -> new IllegalArgumentException(failure);
        };
    }
}
