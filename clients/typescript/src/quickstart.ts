// The TypeScript example of docs/clients.md, whole: the document shows the regions between the `// [name]` markers
// verbatim (DocsExampleStoriesIT checks that), and `npm run build` type-checks it against the generated client.
import {
  Configuration,
  OrganizationsApi,
  PaymentMethodType,
  Plan,
  ResponseError,
  StoresApi,
  type Organization,
  type Problem,
} from "@merchantdesk/client";

// [token-dev]
/** Dev and test builds only: POST /dev/tokens mints a token for any subject (prod builds do not have it). */
export async function devToken(basePath: string, subject: string): Promise<string> {
  const answer = await fetch(`${basePath}/dev/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ subject, email: `${subject}@example.com`, name: subject, roles: [] }),
  });
  if (answer.status !== 200) throw new Error(`POST /dev/tokens answered ${answer.status}`);
  return ((await answer.json()) as { token: string }).token;
}
// In prod the token comes from the customer's identity provider (OIDC login), or, for a program acting as itself,
// from deploy/tools/mint-token.sh with a private key the service trusts (docs/operations.md).
// [token-dev]

// [group-stores]
/** Creates two stores and a card, then the organization billed to that card; a refusal arrives as a problem. */
export async function groupTwoStores(basePath: string, token: string): Promise<Organization | undefined> {
  const config = new Configuration({ basePath, accessToken: token });
  const stores = new StoresApi(config);
  const oslo = await stores.createStore({ createStoreRequest: { name: "Oslo Outdoor", billingCurrency: "USD", plan: Plan.Grow } });
  const bergen = await stores.createStore({ createStoreRequest: { name: "Bergen Outdoor", billingCurrency: "USD", plan: Plan.Grow } });
  const card = await stores.addStorePaymentMethod({
    storeId: oslo.id,
    createPaymentMethodRequest: { type: PaymentMethodType.Card, label: "Visa ending 4242", primary: true },
  });
  const paymentMethodId = card.id!; // the organization is billed to this card
  try {
    const created = await new OrganizationsApi(config).createOrganization({
      createOrganizationRequest: { name: "Nordic Outdoor Group", storeIds: [oslo.id, bergen.id], paymentMethodId },
    });
    return created.organization;
  } catch (e) {
    if (e instanceof ResponseError) {
      const problem = (await e.response.json()) as Problem; // application/problem+json
      console.log(problem.code, problem.errors);
      return undefined;
    }
    throw e;
  }
}
// [group-stores]
