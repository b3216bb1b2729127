package io.merchantdesk.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merchantdesk.client.ApiClient;
import io.merchantdesk.client.ApiException;
import io.merchantdesk.client.MerchantdeskClient;
import io.merchantdesk.client.ProblemDetailsException;
import io.merchantdesk.client.api.IdentityApi;
import io.merchantdesk.client.api.OrganizationsApi;
import io.merchantdesk.client.api.StoresApi;
import io.merchantdesk.client.model.CreateOrganizationRequest;
import io.merchantdesk.client.model.CreatePaymentMethodRequest;
import io.merchantdesk.client.model.CreateStoreRequest;
import io.merchantdesk.client.model.Organization;
import io.merchantdesk.client.model.OrganizationPreview;
import io.merchantdesk.client.model.PaymentMethod;
import io.merchantdesk.client.model.PaymentMethodType;
import io.merchantdesk.client.model.Plan;
import io.merchantdesk.client.model.PreviewOrganizationRequest;
import io.merchantdesk.client.model.Store;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Java example of docs/clients.md, whole: the document shows the regions between the {@code // [name]}
 * markers verbatim, {@code DocsExampleStoriesIT} runs it against the packaged service and checks the document
 * still shows exactly this code.
 */
public final class QuickStart {
    private QuickStart() {}

    // [token-dev]
    /** Dev and test builds only: POST /dev/tokens mints a token for any subject (prod builds do not have it). */
    public static String devToken(URI baseUri, String subject) throws IOException, InterruptedException {
        String body = new ObjectMapper().writeValueAsString(
                Map.of("subject", subject, "email", subject + "@example.com", "name", subject, "roles", List.of()));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(baseUri.resolve("/dev/tokens")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) throw new IOException("POST /dev/tokens answered " + answer.statusCode());
        return new ObjectMapper().readTree(answer.body()).path("token").asText();
    }
    // [token-dev]

    // [token-prod]
    /**
     * Prod: people get their token from the customer's identity provider (OIDC login in your front end). A program
     * acting as itself (a service principal) holds a private key whose public half the service trusts, and signs
     * its own token with deploy/tools/mint-token.sh (docs/operations.md).
     */
    public static String mintedToken(Path mintTokenScript, Path privateKeyPem, String issuer, String subject)
            throws IOException, InterruptedException {
        Process mint = new ProcessBuilder("sh", mintTokenScript.toString(), "-k", privateKeyPem.toString(), "-i", issuer,
                "-s", subject, "-e", subject + "@example.com", "-n", subject, "-d", "1")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String token = new String(mint.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (mint.waitFor() != 0) throw new IOException("mint-token.sh failed");
        return token;
    }
    // [token-prod]

    // [group-stores]
    /** Creates two stores and a card, previews the organization, creates it, and shows a refusal as a problem. */
    public static Organization groupTwoStores(URI baseUri, String token) throws ApiException {
        ApiClient client = MerchantdeskClient.create(baseUri, () -> token);
        StoresApi stores = new StoresApi(client);              // one class per tag: IdentityApi, StoresApi, OrganizationsApi, ...
        OrganizationsApi organizations = new OrganizationsApi(client);
        System.out.println("Signed in as " + new IdentityApi(client).getMe().getEmail());

        Store oslo = stores.createStore(new CreateStoreRequest().name("Oslo Outdoor").billingCurrency("USD").plan(Plan.GROW), null);
        Store bergen = stores.createStore(new CreateStoreRequest().name("Bergen Outdoor").billingCurrency("USD").plan(Plan.GROW), null);
        PaymentMethod card = stores.addStorePaymentMethod(oslo.getId(),
                new CreatePaymentMethodRequest().type(PaymentMethodType.CARD).label("Visa ending 4242").primary(true), null);
        UUID paymentMethodId = card.getId();                   // the organization is billed to this card

        CreateOrganizationRequest request = new CreateOrganizationRequest().name("Nordic Outdoor Group")
                .storeIds(List.of(oslo.getId(), bergen.getId())).paymentMethodId(paymentMethodId);
        OrganizationPreview preview = organizations.previewOrganization(new PreviewOrganizationRequest()   // changes nothing
                .storeIds(request.getStoreIds()).paymentMethodId(paymentMethodId), null);
        if (!preview.getEligible()) throw new IllegalStateException("not eligible: " + preview.getStores());
        Organization org = organizations.createOrganization(request, "create-nordic-" + oslo.getId()).getOrganization(); // Idempotency-Key

        try {
            stores.createStore(new CreateStoreRequest().name("x").billingCurrency("usd").plan(Plan.BASIC), null);
        } catch (ProblemDetailsException e) {
            // e.status() 400, e.code() "VALIDATION_FAILED" (stable: branch on it), e.errors() names billingCurrency
            System.out.println(e.status() + " " + e.code() + " " + e.errors() + " " + e.problem().getCorrelationId());
        }
        return org;
    }
    // [group-stores]
}
