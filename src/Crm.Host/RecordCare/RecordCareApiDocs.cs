using Crm.Host.Customers;
using Crm.Host.Platform;
using Example = Crm.Host.Customers.CustomerEndpoints.Example;

namespace Crm.Host.RecordCare;

/// <summary>What the OpenAPI document says about each record-care operation on customers (SET-4), beside the route table.</summary>
internal static class RecordCareApiDocs
{
    private const string Id = "0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21";
    private const string Other = "0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22";

    public static readonly ApiDoc Merge = new("Merge a duplicate customer into another",
        "One transaction: the merged customer's contacts move to the survivor (each logs contact.customer-changed), its follow-ups and its "
        + "contacts' are listed under the survivor, the survivor logs customer.merged-from and the merged one customer.merged-into. The "
        + "merged customer stays readable (detail, history, ?version=) but leaves lists and takes no more changes (409 customer_merged "
        + "with mergedInto). You need customer.merge with read-write reach on both customers (404 customer_not_found otherwise) and "
        + "contact.edit over every contact that moves (403 merge_not_permitted). A merged customer with opportunities or contracts is "
        + "refused (409 merge_has_deals). If-Match is the survivor's version; the answer is the survivor. Merging again changes nothing.")
    { Request = $$"""{"survivorId":"{{Id}}","mergedId":"{{Other}}"}""", Response = Example.Customer, Problems = [400, 403, 404, 409, 412, 422] };

    public static readonly ApiDoc Duplicates = new("Leads and customers that look like this customer",
        "Same name or e-mail (case-insensitive) or the same phone digits, as the create's duplicate check (CUS-9) finds them; merged customers "
        + "and the customer itself are left out. One you may not see shows only what matched (id and name null, visible false).")
    { Response = $$"""{"items":[{"kind":"customer","id":"{{Other}}","name":"Acme Ltd","matchedOn":["name"],"visible":true}]}""", Problems = [404] };

    public static readonly ApiDoc Care = new("Whether a customer is archived or merged",
        "archivedAt and reason while it is archived; mergedInto and mergedAt once it was merged into another customer.")
    { Response = $$"""{"id":"{{Other}}","archivedAt":null,"reason":null,"mergedInto":"{{Id}}","mergedAt":"2026-03-01T09:00:00+00:00"}""", Problems = [404] };

    public static readonly ApiDoc Restore = new("Put a customer's fields back to an earlier version",
        "The fields as they were at version (1 = as created) replace the current ones in one new customer.edited event whose "
        + "restoredFromVersion names the version: the history shows old → new like any edit. Owner, team, lock and pool are not restored "
        + "(they have their own commands); an archived customer not archived then is unarchived. A value an erasure masked stays as it is. "
        + "Nothing to change answers the customer as it is. 400 version_out_of_range beyond the current version.")
    { Request = """{"version":3}""", Response = Example.Customer, Problems = [400, 403, 404, 409, 412] };

    public static readonly ApiDoc RestoreContact = new("Put a contact's fields back to an earlier version",
        "The fields as they were at version (1 = as created) replace the current ones in one contact.edited event whose restoredFromVersion "
        + "names the version; the history shows it as restored, old → new. Owner and customer are not restored. A value an erasure masked "
        + "stays as it is. 400 version_out_of_range beyond the current version.")
    { Request = """{"version":2}""", Problems = [400, 403, 404, 412] };

    public static readonly ApiDoc RestoreLead = new("Put a lead's fields back to an earlier version",
        "The fields as they were at version (1 = as created) replace the current ones in one lead.edited event whose restoredFromVersion "
        + "names the version; the history shows it as restored, old → new. Owner and pool are not restored; a converted lead is closed "
        + "(409 lead_converted). A value an erasure masked stays as it is.")
    { Request = """{"version":2}""", Problems = [400, 404, 409, 412] };

    public static readonly ApiDoc Archive = new("Archive a customer",
        "An archived customer leaves lists and search (includeArchived=true brings it back into them) but stays readable, editable and "
        + "restorable. reason is optional (at most 500 characters). Archiving an archived customer changes nothing.")
    { Request = """{"reason":"No contact for two years"}""", Response = Example.Customer, Problems = [400, 404, 409, 412] };

    public static readonly ApiDoc Unarchive = new("Bring an archived customer back into lists", "Unarchiving a customer not archived changes nothing.")
    { Response = Example.Customer, Problems = [400, 404, 409, 412] };

    public static readonly ApiDoc BulkArchive = new("Archive several customers at once",
        $"ids: 1 to {CustomerEndpoints.MaxBulk} customers. Each is its own transaction; the answer says per id whether it succeeded and, if "
        + "not, the code and message (customer_not_found for ids outside your customer.archive scope).")
    {
        Request = $$"""{"ids":["{{Id}}","{{Other}}"],"reason":"Clean-up 2026"}""",
        Response = $$"""
            {"succeeded":1,"failed":0,"items":[{"id":"{{Id}}","succeeded":true,"status":200,"version":7,"code":null,"message":null,
            "field":null,"customerId":null}]}
            """,
        Problems = [400],
    };

    public static readonly ApiDoc Candidates = new("Customers nobody changed for a number of months",
        "The clean-up's candidates: customers in your customer.archive scope, not archived nor merged, whose last change (updatedAt) is "
        + $"older than untouchedMonths (1 to {CustomerCareEndpoints.MaxUntouchedMonths}) months, least recently changed first. Keyset paging "
        + "as in lists; before is the cut-off used.")
    { Response = $$"""{"items":[{{Example.Customer}}],"nextCursor":null,"before":"2024-03-01T09:00:00+00:00"}""", Problems = [400] };
}
