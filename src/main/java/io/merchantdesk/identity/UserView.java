package io.merchantdesk.identity;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@RegisterForReflection
@Schema(name = "User", description = "A merchantdesk user")
public record UserView(
        UUID id,
        @Schema(examples = "auth0|ada") String subject,
        @Schema(examples = "ada@example.com") String email,
        @Schema(examples = "Ada Lovelace") String name,
        @Schema(description = "Platform roles from the token", examples = "[\"sales-rep\"]") Set<String> roles) {
}
