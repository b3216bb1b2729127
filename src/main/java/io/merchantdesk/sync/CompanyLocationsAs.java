package io.merchantdesk.sync;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How the locations of a company beyond its default one reach the ERP (SYNC-24). */
@Schema(description = """
        How every location of a company reaches the ERP; the default location (the first) is the company's customer itself.
        - SHIP_TO_ADDRESSES (default where the ERP has them): each other location is a ship-to address of the company's customer.
        - OWN_CUSTOMERS (the default on Business Central, whose API has no ship-to addresses): each other location is an ERP customer
          of its own; B2B orders at it are sold to it and billed to the company's customer.""")
public enum CompanyLocationsAs { SHIP_TO_ADDRESSES, OWN_CUSTOMERS }
