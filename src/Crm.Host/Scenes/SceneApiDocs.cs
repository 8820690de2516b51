using Crm.Host.Contacts;
using Crm.Host.Customers;
using Crm.Host.Leads;
using Crm.Host.Platform;

namespace Crm.Host.Scenes;

/// <summary>What the OpenAPI document says about each scene operation (LEAD-6, CUS-9), beside the route table.</summary>
internal static class SceneApiDocs
{
    public const string Kinds = "leads, customers or contacts";

    private const string Example = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f01","kind":"customers","name":"A-level customers",
        "filter":{"and":[{"field":"level","op":"eq","value":"A"}]},"sort":"-updatedAt","q":null,"isDefault":true,"order":0,"version":2,
        "createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:05:00+00:00"}
        """;

    private const string OthersHidden = "Someone else's scene is a 404.";

    public static readonly ApiDoc List = new("Your saved scenes, in order",
        $"Only your own scenes, ordered by kind, order index, then name. ?kind= ({Kinds}) keeps one kind. Needs only a sign-in.")
    { Response = $$"""{"items":[{{Example}}]}""", Problems = [400, 401] };

    public static readonly ApiDoc Create = new("Save a list view as a scene",
        $"kind is {Kinds}; name has 1 to 60 characters, unique among your scenes of the kind (409 scene_name_taken). filter, sort and q are "
        + "checked exactly as the kind's POST /api/<kind>/search checks them, every fault named (filter.<field>, sort). isDefault: true makes "
        + "it your default for the kind, and your previous default stops being one in the same append. A scene stores a filter, never a data "
        + "scope. Needs the kind's list permission (lead.list, customer.list, contact.list). With Idempotency-Key, a retry answers the first "
        + "response and writes nothing.")
    {
        Request = """
            {"kind":"customers","name":"A-level customers","filter":{"and":[{"field":"level","op":"eq","value":"A"}]},"sort":"-updatedAt","isDefault":true}
            """,
        Response = Example, Status = StatusCodes.Status201Created, Problems = [400, 401, 403, 409, 422],
    };

    public static readonly ApiDoc Get = new("Read one of your scenes", $"ETag is the scene's version. {OthersHidden}")
    { Response = Example, Problems = [401, 404] };

    public static readonly ApiDoc Update = new("Rename a scene or change what it shows",
        "Only what is sent changes: name (scene.renamed), filter (null removes it), sort, q (\"\" removes it) and order (0 to 10000; "
        + "scene.filter-changed with each old and new value). Send If-Match with the ETag you read: 412 when it changed since. " + OthersHidden)
    {
        Request = """{"name":"A-level, Shanghai","filter":{"and":[{"field":"level","op":"eq","value":"A"}]},"order":2}""",
        Response = Example, Problems = [400, 401, 404, 409, 412],
    };

    public static readonly ApiDoc Delete = new("Delete a scene",
        "The scene leaves your list (its history stays). If-Match is optional: 412 when it changed since. " + OthersHidden)
    { Problems = [400, 401, 404, 412] };

    public static readonly ApiDoc MakeDefault = new("Make a scene your default for its kind",
        "The scene gets scene.made-default and your previous default for the kind gets scene.default-cleared, in one append: there is never "
        + "more than one. Already the default: nothing changes. If-Match is optional. With Idempotency-Key, a retry answers the first response.")
    { Response = Example, Problems = [400, 401, 404, 409, 412] };

    public static readonly ApiDoc ClearDefault = new("Stop a scene being your default",
        "The scene gets scene.default-cleared and you have no default for its kind until you choose one. Not the default: nothing changes "
        + "(the same version comes back). If-Match is optional: 412 when it changed since. " + OthersHidden)
    { Response = Example, Problems = [400, 401, 404, 412] };

    public static readonly ApiDoc History = new("A scene's operation log",
        "One entry per event, oldest first: version, time, action, actor, request id and each changed part's old and new value. " + OthersHidden)
    {
        Response = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4f01","items":[
              {"version":2,"at":"2026-03-02T10:30:00+00:00","action":"renamed","eventType":"scene.renamed","actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99",
              "requestId":"81aa","changes":[{"field":"name","old":"A customers","new":"A-level customers"}]}]}
            """,
        Problems = [401, 404],
    };

    public static readonly ApiDoc Results = new("Apply a scene: one page of its records",
        "Runs the kind's search (POST /api/leads/search, /api/customers/search, /api/contacts/search) with the scene's filter, sort and q, and "
        + "answers the same page shape (contacts have no total). The results are always within your data scope as it is now: a scene stores a "
        + "filter, never a scope. The body (optional) pages: limit (1 to 500), cursor (a previous nextCursor), includeTotal. Needs the kind's "
        + "list permission. " + OthersHidden)
    {
        Request = """{"limit":20,"includeTotal":true}""",
        Response = """
            {"items":[{"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Wang Fang","company":"Acme Trading","phone":null,"email":null,
            "source":"campaign","industry":null,"level":"A","address":null,"remark":null,"ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99",
            "inPool":false,"convertedCustomerId":null,"convertedContactId":null,"convertedAt":null,"lastFollowUpAt":null,"nextContactAt":null,
            "version":1,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00"}],"nextCursor":null,"total":1}
            """,
        Problems = [400, 401, 403, 404],
    };

    /// <summary>A scene's results are one of the three kinds' list pages.</summary>
    public static RouteHandlerBuilder ProducesKindPages(this RouteHandlerBuilder builder) =>
        builder.Produces<LeadListResponse>().Produces<CustomerListResponse>().Produces<ContactListResponse>()
            .WithResponseShapes(StatusCodes.Status200OK, typeof(LeadListResponse), typeof(CustomerListResponse), typeof(ContactListResponse));
}
