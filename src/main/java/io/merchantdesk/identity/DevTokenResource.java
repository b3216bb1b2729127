package io.merchantdesk.identity;

import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Mints bearer tokens with the development key pair. Compiled out of prod builds, so a packaged
 * application never has it (the endpoint answers 404 there).
 */
@Path("/dev/tokens")
@PermitAll
@UnlessBuildProfile("prod")
@Tag(name = "Identity")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DevTokenResource {

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @ConfigProperty(name = "merchantdesk.dev-tokens.lifetime")
    Duration lifetime;

    @RegisterForReflection
    @Schema(name = "DevTokenRequest")
    public record DevTokenRequest(
            @NotBlank @Size(max = 200) @Schema(examples = "ada") String subject,
            @Email @Size(max = 320) @Schema(examples = "ada@example.com") String email,
            @Size(max = 200) @Schema(examples = "Ada Lovelace") String name,
            @Schema(examples = "[\"sales-rep\"]") List<@NotNull @Pattern(regexp = "[a-z][a-z0-9-]{0,62}") String> roles) {
    }

    @RegisterForReflection
    @Schema(name = "DevToken")
    public record DevToken(@Schema(description = "Signed JWT to send as 'Authorization: Bearer …'") String token) {
    }

    @POST
    @SecurityRequirements
    @Operation(operationId = "createDevToken", summary = "Mint a bearer token (dev and test profiles only)",
            description = "Signs a JWT with the development key for any subject, e-mail, name and roles; no authentication. "
                    + "Compiled out of prod builds, where the path answers 404.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DevTokenRequest.class),
            examples = @ExampleObject(name = "rep", value = "{\"subject\":\"rita\",\"email\":\"rita@example.com\",\"name\":\"Rita Rep\",\"roles\":[\"sales-rep\"]}")))
    @APIResponse(responseCode = "200", description = "The token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DevToken.class)))
    public DevToken mint(@Valid @NotNull DevTokenRequest request) {
        var builder = Jwt.issuer(issuer)
                .subject(request.subject())
                .groups(new HashSet<>(request.roles() == null ? List.of() : request.roles()))
                .expiresIn(lifetime);
        if (request.email() != null) builder.claim("email", request.email());
        if (request.name() != null) builder.claim("name", request.name());
        return new DevToken(builder.sign());
    }
}
