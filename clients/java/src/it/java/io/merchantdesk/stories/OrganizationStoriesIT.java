package io.merchantdesk.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.merchantdesk.client.ApiException;
import io.merchantdesk.client.ProblemDetailsException;
import io.merchantdesk.client.api.OrganizationsApi;
import io.merchantdesk.client.api.StoresApi;
import io.merchantdesk.client.model.CreateOrganizationRequest;
import io.merchantdesk.client.model.CreatePaymentMethodRequest;
import io.merchantdesk.client.model.CreateStoreRequest;
import io.merchantdesk.client.model.IneligibilityReason;
import io.merchantdesk.client.model.MemberRequest;
import io.merchantdesk.client.model.MemberRole;
import io.merchantdesk.client.model.Organization;
import io.merchantdesk.client.model.OrganizationCreated;
import io.merchantdesk.client.model.MemberPage;
import io.merchantdesk.client.model.OrganizationMember;
import io.merchantdesk.client.model.OrganizationPreview;
import io.merchantdesk.client.model.OrganizationRole;
import io.merchantdesk.client.model.PaymentMethod;
import io.merchantdesk.client.model.PaymentMethodType;
import io.merchantdesk.client.model.Permission;
import io.merchantdesk.client.model.Plan;
import io.merchantdesk.client.model.PreviewOrganizationRequest;
import io.merchantdesk.client.model.Store;
import io.merchantdesk.client.model.StoreEligibility;
import io.merchantdesk.stories.support.Actors;
import io.merchantdesk.stories.support.Actors.Actor;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A merchant groups stores into an organization through the generated Java client only, against the
 * packaged service: typed requests and models, enums as enums, errors as {@link ProblemDetailsException}.
 */
class OrganizationStoriesIT {

    @Test
    @DisplayName("Story: a merchant creates two stores, previews an organization with an ineligible store, then creates it (ORG-3, ORG-8)")
    void createStoresAndAnOrganization() throws ApiException {
        Actor ada = Actors.actor("ada");
        StoresApi stores = new StoresApi(ada.client());
        OrganizationsApi organizations = new OrganizationsApi(ada.client());

        String osloName = Actors.unique("Oslo Outdoor");
        Store oslo = stores.createStore(new CreateStoreRequest().name(osloName).billingCurrency("USD").plan(Plan.GROW), null);
        Store bergen = stores.createStore(new CreateStoreRequest().name(Actors.unique("Bergen Outdoor")).billingCurrency("USD").plan(Plan.GROW), null);
        Store toronto = stores.createStore(new CreateStoreRequest().name(Actors.unique("Toronto Outdoor")).billingCurrency("CAD").plan(Plan.GROW), null);
        assertEquals(osloName, oslo.getName());
        assertEquals(ada.id(), oslo.getOwnerId());
        assertEquals(Plan.GROW, oslo.getPlan());
        assertEquals(0, oslo.getOutstandingBalance().getAmount().compareTo(BigDecimal.ZERO));
        assertEquals("USD", oslo.getOutstandingBalance().getCurrency());

        // Before any billing is set up, the preview already answers whether the stores can be grouped.
        OrganizationPreview early = organizations.previewOrganization(new PreviewOrganizationRequest()
                .storeIds(List.of(oslo.getId(), bergen.getId())), null);
        assertTrue(early.getEligible());
        assertFalse(early.getBillingChosen(), "billing is still to be chosen");
        assertTrue(early.getPaymentMethodChoices().isEmpty());

        PaymentMethod card = stores.addStorePaymentMethod(oslo.getId(),
                new CreatePaymentMethodRequest().type(PaymentMethodType.CARD).label("Visa ending 4242").primary(true), null);
        assertEquals(PaymentMethodType.CARD, card.getType());

        // The preview names the ineligible store and why, and changes nothing.
        CreateOrganizationRequest withToronto = new CreateOrganizationRequest().name(Actors.unique("Nordic Outdoor Group"))
                .storeIds(List.of(oslo.getId(), bergen.getId(), toronto.getId())).paymentMethodId(card.getId());
        OrganizationPreview preview = organizations.previewOrganization(new PreviewOrganizationRequest().name(withToronto.getName())
                .storeIds(withToronto.getStoreIds()).paymentMethodId(card.getId()), null);
        assertFalse(preview.getEligible());
        assertTrue(preview.getBillingChosen());
        assertEquals(List.of(card.getId()), preview.getPaymentMethodChoices().stream().map(PaymentMethod::getId).toList());
        assertEquals("USD", preview.getBillingCurrency());
        StoreEligibility torontoVerdict = preview.getStores().stream()
                .filter(s -> s.getStoreId().equals(toronto.getId())).findFirst().orElseThrow();
        assertFalse(torontoVerdict.getEligible());
        IneligibilityReason reason = torontoVerdict.getReasons().get(0);
        assertEquals("CURRENCY_MISMATCH", reason.getCode());
        assertEquals("ORG-3", reason.getRule());
        assertTrue(preview.getStores().stream().filter(s -> !s.getStoreId().equals(toronto.getId()))
                .allMatch(StoreEligibility::getEligible), "the USD stores are eligible");
        assertEquals(null, stores.getStore(oslo.getId()).getOrganizationId(), "a preview changes nothing");

        // Creating it anyway is refused as typed problem details.
        ProblemDetailsException refused = assertThrows(ProblemDetailsException.class,
                () -> organizations.createOrganization(withToronto, null));
        assertEquals(422, refused.status());
        assertEquals("ORGANIZATION_NOT_ELIGIBLE", refused.code());
        assertTrue(refused.errors().get(0).getMessage().startsWith("CURRENCY_MISMATCH"), refused.errors().toString());

        // Without the CAD store, it is created; the card becomes the organization's primary billing method.
        OrganizationCreated created = organizations.createOrganization(new CreateOrganizationRequest()
                .name(withToronto.getName()).storeIds(List.of(oslo.getId(), bergen.getId())).paymentMethodId(card.getId()), null);
        Organization org = created.getOrganization();
        assertEquals(ada.id(), org.getOwnerId());
        assertEquals("USD", org.getBillingCurrency());
        assertEquals(List.of(oslo.getId(), bergen.getId()).stream().sorted().toList(), org.getStoreIds().stream().sorted().toList());
        assertEquals(card.getId(), org.getBillingPaymentMethods().getPrimary().getId());
        assertEquals(org.getId(), stores.getStore(bergen.getId()).getOrganizationId());
        assertEquals(List.of(oslo.getName(), bergen.getName()).stream().sorted().toList(),
                organizations.listOrganizationStores(org.getId()).stream().map(Store::getName).sorted().toList());
        assertEquals(org.getId(), organizations.getOrganization(org.getId()).getId());
        assertTrue(organizations.listOrganizations(null, 50).getItems().stream().anyMatch(o -> o.getId().equals(org.getId())));

        // Members (a keyset-paged list): the owner is listed first as OWNER; a colleague joins as MEMBER with a typed permission.
        Actor bob = Actors.actor("bob");
        OrganizationMember member = organizations.putOrganizationMember(org.getId(), bob.id(),
                new MemberRequest().role(MemberRole.MEMBER).permissions(List.of(Permission.ORGANIZATION_VIEW_STORES)));
        assertEquals(OrganizationRole.MEMBER, member.getRole());
        MemberPage firstPage = organizations.listOrganizationMembers(org.getId(), null, 1);
        OrganizationMember owner = firstPage.getItems().get(0);
        assertEquals(ada.id(), owner.getUserId());
        assertEquals(OrganizationRole.OWNER, owner.getRole());
        assertNotNull(firstPage.getNextCursor(), "one member per page: bob is on the next");
        MemberPage secondPage = organizations.listOrganizationMembers(org.getId(), firstPage.getNextCursor(), 1);
        assertEquals(List.of(bob.id()), secondPage.getItems().stream().map(OrganizationMember::getUserId).toList());
        assertEquals(null, secondPage.getNextCursor());
        assertTrue(owner.getPermissions().contains(Permission.ORGANIZATION_BILLING));
        assertEquals(org.getId(), new OrganizationsApi(bob.client()).getOrganization(org.getId()).getId());
    }

    @Test
    @DisplayName("Story: problem details reach SDK users typed: invalid input lists the field, strangers see 404")
    void problemsAreTyped() throws ApiException {
        Actor ada = Actors.actor("ada");
        StoresApi stores = new StoresApi(ada.client());
        ProblemDetailsException invalid = assertThrows(ProblemDetailsException.class, () -> stores.createStore(
                new CreateStoreRequest().name(Actors.unique("Lowercase")).billingCurrency("usd").plan(Plan.BASIC), null));
        assertEquals(400, invalid.status());
        assertEquals("VALIDATION_FAILED", invalid.code());
        assertTrue(invalid.errors().stream().anyMatch(e -> e.getField().equals("billingCurrency")), invalid.errors().toString());
        assertNotNull(invalid.problem().getCorrelationId());

        Store mine = stores.createStore(new CreateStoreRequest().name(Actors.unique("Private")).billingCurrency("EUR").plan(Plan.BASIC), null);
        Actor stranger = Actors.actor("stranger");
        ProblemDetailsException hidden = assertThrows(ProblemDetailsException.class,
                () -> new StoresApi(stranger.client()).getStore(mine.getId()));
        assertEquals(404, hidden.status());
        assertEquals("NOT_FOUND", hidden.code());
    }
}
