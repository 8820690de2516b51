using Crm.Host.Platform;

namespace Crm.Host.Invoices;

/// <summary>What the OpenAPI document says about each invoice operation (SAL-7), beside the route table.</summary>
internal static class InvoiceApiDocs
{
    private const string Invoice = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5a01","contractId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5b01",
        "customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","amount":30000.00,"currency":"CNY","title":"Hangzhou Widget Co., Ltd.",
        "taxNumber":"91330100MA2AXXXX1K","type":"vat_special","remark":null,"status":"issued","ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99",
        "requestedBy":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","submissionId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5c01","invoiceNumber":"04400123",
        "issuedOn":"2026-03-10","version":4,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-10T09:00:00+00:00"}
        """;

    public static readonly ApiDoc List = new("List invoices in your data scope, newest first",
        "An invoice is reached through the contract owner it was requested under and through its requester. Filters: contractId, status (draft, "
        + "pending, approved, rejected, issued). Keyset paging: pass nextCursor back as ?cursor=.")
    { Response = """{"items":[],"nextCursor":null}""", Problems = [400] };

    public static readonly ApiDoc Get = new("Read an invoice, now or as it was",
        "ETag is its version; ?version=n shows it as it was then. 404 invoice_not_found when it does not exist or is outside your data scope.")
    { Response = Invoice, Problems = [400, 404] };

    public static readonly ApiDoc History = new("An invoice's operation log",
        "One entry per event, oldest first: version, time, action (requested, edited, submitted, approved, rejected, withdrawn, issued, deleted), "
        + "actor and each change old → new.")
    { Problems = [404] };

    public static readonly ApiDoc Create = new("Request an invoice against an approved contract",
        "contractId must be a contract you reach with invoice.create (404 contract_not_found) that is approved (409 contract_not_approved). amount: "
        + "more than 0, 2 decimals, in the contract's currency (422 currency_mismatch), at most the contract's invoiceable amount = contract amount − "
        + "the invoices of the contract that are not rejected (409 invoice_exceeds_invoiceable naming amount, with invoiceable). Two requests "
        + "racing for the same contract are serialized: at most one passes. It starts as a draft; the approval engine submits it (kind invoice).")
    {
        Request = """
            {"contractId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5b01","amount":30000.00,"title":"Hangzhou Widget Co., Ltd.",
            "taxNumber":"91330100MA2AXXXX1K","type":"vat_special"}
            """,
        Response = Invoice, Status = StatusCodes.Status201Created, Problems = [400, 404, 409, 422],
    };

    public static readonly ApiDoc Update = new("Change a draft or rejected invoice",
        "Only the values sent change (an empty remark clears it). Pending, approved and issued invoices are locked (409 invoice_locked). Raising "
        + "the amount must fit the invoiceable amount (409 invoice_exceeds_invoiceable). Once its contract is voided it changes no more (409 "
        + "contract_voided naming contractId; a draft may still be deleted). If-Match: 412 when it changed since you read it.")
    { Request = """{"amount":25000.00,"remark":"Second instalment"}""", Response = Invoice, Problems = [400, 404, 409, 412] };

    public static readonly ApiDoc Delete = new("Delete a draft or rejected invoice",
        "It leaves every list and no longer counts against its contract; its events stay. Others are locked (409 invoice_locked).")
    { Problems = [404, 409, 412] };

    public static readonly ApiDoc Issue = new("Mark an approved invoice issued",
        "Records the invoice number and issue date (not in the future). Only an approved invoice (409 invoice_not_approved); once issued it is "
        + "final (409 invoice_issued). Its contract must still be approved (409 contract_voided naming contractId). Needs invoice.edit.")
    { Request = """{"invoiceNumber":"04400123","issuedOn":"2026-03-10"}""", Response = Invoice, Problems = [400, 404, 409, 412] };
}
