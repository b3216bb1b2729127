// The B2B, partner and ERP sync flows from TypeScript with the generated client, type-checked by `npm run build`
// (the Java SDK stories run the same flows against the service).
import {
  CompaniesApi,
  ContactRole,
  CustomerImport,
  ERPRegisterApi,
  ERPSyncApi,
  LeadStatus,
  LeadType,
  OrderType,
  OrdersApi,
  PartnersApi,
  RunStatus,
  SalesApi,
  SyncKind,
  UpgradeInvitationStatus,
  UpgradeInvitationsApi,
  type Configuration,
  type ContactRemoved,
  type SyncRun,
  type UpgradeInvitation,
} from "@merchantdesk/client";

/** B2B: add a customer to a company, migrating their D2C orders to a location; undo it, reverting exactly those. */
export async function addToCompanyAndUndo(config: Configuration, storeId: string, companyId: string,
                                          locationId: string, customerId: string): Promise<ContactRemoved> {
  const companies = new CompaniesApi(config);
  const added = await companies.addCompanyContact({
    storeId, companyId,
    addContactRequest: {
      customerId,
      locations: [{ locationId, role: ContactRole.LocationAdmin }],
      migrateOrdersToLocationId: locationId,
      notifyCustomer: false,
    },
  });
  console.log(`${added.contact?.customerName} joined ${added.contact?.companyName}: ${added.migration?.moved} orders moved, `
    + `${added.migration?.skipped?.alreadyB2b} already B2B`);
  const removed = await companies.removeCompanyContact({ storeId, companyId, customerId, revertMigratedOrders: true });
  const orders = await new OrdersApi(config).listOrders({ storeId, customerId, type: OrderType.B2B });
  console.log(`${removed.revertedOrders} orders back to D2C; ${orders.items?.length ?? 0} B2B orders left`);
  return removed;
}

/** Partners: the agency submits a Plus lead, the assigned rep moves it on, the store owner accepts an upgrade. */
export async function leadToUpgrade(agency: Configuration, rep: Configuration, merchant: Configuration,
                                    partnerId: string, storeId: string): Promise<UpgradeInvitation> {
  const partners = new PartnersApi(agency);
  const lead = await partners.submitLead({
    partnerId,
    submitLeadRequest: {
      type: LeadType.Plus, contactName: "Kari Nordmann", email: "kari@example.is", companyName: "Reykjavik Wool ehf",
      country: "IS", storeId, salesSupportRequested: true,
    },
  });
  console.log(`Lead ${lead.id} is ${lead.status}, with ${lead.salesRep?.name}: ${lead.nextSteps}`);
  await new SalesApi(rep).changeLeadStatus({
    leadId: lead.id, statusChangeRequest: { status: LeadStatus.InProgress, note: "Called the merchant" },
  });
  const invitation = await partners.sendUpgradeInvitation({ partnerId, leadId: lead.id });
  const accepted = await new UpgradeInvitationsApi(merchant).acceptUpgradeInvitation({ invitationId: invitation.id! });
  if (accepted.status !== UpgradeInvitationStatus.Accepted) throw new Error(`invitation is ${accepted.status}`);
  console.log(`Plus applies by ${accepted.applyBy?.toISOString()}`);
  return accepted;
}

/** ERP sync: connect a store to an ERP company and run a customer sync to its end. */
export async function syncCustomers(config: Configuration, storeId: string): Promise<SyncRun> {
  const erp = await new ERPRegisterApi(config).createErpCompany({ createErpCompanyRequest: { name: "Nordic Outdoor AS" } });
  const sync = new ERPSyncApi(config);
  await sync.putErpConnection({
    storeId,
    erpConnectionRequest: { erpCompanyId: erp.id!, customerImport: CustomerImport.AllCustomers, autoCreateUnknownCustomers: true },
  });
  let run = await sync.startSyncRun({ storeId, startSyncRunRequest: { kind: SyncKind.Customers } });
  while (run.status === RunStatus.Running) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    run = await sync.getSyncRun({ storeId, runId: run.id });
  }
  const c = run.counters;
  console.log(`${run.status}: ${c.created} created, ${c.updated} updated, ${c.linked} linked, ${c.failed} failed`);
  for (const e of run.errors ?? []) console.log(`  ${e.recordType} ${e.recordId}: ${e.code} ${e.message}`);
  return run;
}
