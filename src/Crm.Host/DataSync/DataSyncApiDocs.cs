using Crm.Host.Platform;
using Crm.Write.DataSync;

namespace Crm.Host.DataSync;

/// <summary>The OpenAPI prose of the integration routes, one text per route shape, filled in per kind (docs/integration.md).</summary>
public static class DataSyncApiDocs
{
    public static ApiDoc Batch(string kinds, string request) => new($"Create or update up to {BatchWrites.MaxItems} {kinds}",
        $"items: 1 to {BatchWrites.MaxItems} (more: 400 items_out_of_range). Each item is action create (the fields of POST /api/{kinds}) or "
        + "update (id, the fields to change, optionally version as If-Match) and runs on its own: its own checks, permission and data scope, "
        + "its own stream append; one bad item does not stop the others. The answer lists every item in request order with its status "
        + "(201 created, 200 updated, or the status the single call would have answered) and, on failure, code, message and field "
        + "(items[i].name; items[i] when the rule names no field). An update of a record outside your data scope fails as not found. "
        + "With Idempotency-Key a retry replays the items that succeeded and runs the failed ones again. "
        + $"Needs both {kinds[..^1]}.create and {kinds[..^1]}.edit.")
    { Request = request, Response = IntegrationExamples.Bulk, Problems = [400] };

    public static ApiDoc Upsert(string kind, string request) => new($"Create or update the {kind} linked to an external id",
        $"The {kind} linked to (system, externalId) is updated with the fields sent (200; fields not sent stay; id, ownerId and createAnyway "
        + $"count only when it creates); when none is linked, a {kind} is created with the body, as POST would, and linked (201 with "
        + "Location). A pair maps to one record: two calls at once create one. A pair linked to a record you cannot change (outside your "
        + $"data scope, or deleted) answers 409 {ExternalIdUpserts.UnavailableCode}, naming no record. If-Match applies to the linked record "
        + "(412 when stale, or when nothing is linked yet); with Idempotency-Key a retry answers the first result, 201 included. "
        + $"Needs both {kind}.create and {kind}.edit.")
    { Request = request, Response = null, Status = StatusCodes.Status201Created, Problems = [400, 403, 404, 409, 412, 422] };
}

/// <summary>Request and answer examples of the integration routes.</summary>
public static class IntegrationExamples
{
    public const string Bulk = """
        {"succeeded":1,"failed":1,"items":[
          {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","succeeded":true,"status":201,"version":2,"code":null,"message":null,"field":null,
           "customerId":null},
          {"id":"00000000-0000-0000-0000-000000000000","succeeded":false,"status":400,"version":null,"code":"name_required",
           "message":"name is required.","field":"items[1].name","customerId":null}]}
        """;

    public const string CustomerBatch = """
        {"items":[{"action":"create","name":"Acme Trading","phone":"+86 21 5555 0101","tags":["erp"]},
          {"action":"update","id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22","version":4,"level":"A"}]}
        """;

    public const string LeadBatch = """
        {"items":[{"action":"create","name":"Li Wei","company":"Acme Trading","phone":"13800000001"},
          {"action":"update","id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22","level":"hot"}]}
        """;

    public const string ContactBatch = """
        {"items":[{"action":"create","customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Zhang Min","title":"Buyer"},
          {"action":"update","id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22","phone":"13800000002"}]}
        """;

    public const string ProductBatch = """
        {"items":[{"action":"create","name":"Pump P-100","code":"P-100","price":1200.00,"currency":"CNY"},
          {"action":"update","id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22","price":1350.00}]}
        """;

    public const string CustomerUpsert = """{"name":"Acme Trading","phone":"+86 21 5555 0101","level":"A"}""";

    public const string LeadUpsert = """{"name":"Li Wei","company":"Acme Trading","phone":"13800000001"}""";

    public const string ContactUpsert = """{"customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Zhang Min","title":"Buyer"}""";

    public const string ProductUpsert = """{"name":"Pump P-100","code":"P-100","price":1200.00,"currency":"CNY"}""";
}
