using Crm.Host.Platform;

namespace Crm.Host.CustomFields;

/// <summary>What the OpenAPI document says about each custom-field operation (SET-1).</summary>
internal static class CustomFieldApiDocs
{
    private const string Example = """
        {"id":"8d1f2c3a-41b5-8e07-9a51-3f0c2b8e5c01","kind":"customer","key":"tier","label":"Service tier","type":"single_select","required":false,
        "unique":false,"default":"silver","options":[{"key":"gold","label":"Gold","retired":false},{"key":"silver","label":"Silver","retired":false}],
        "order":10,"retired":false,"version":1,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00"}
        """;

    public static readonly ApiDoc List = new("List custom fields",
        "The custom fields of one kind (?kind=), or of every kind, by kind and form order (order, then key). Retired fields only with "
        + "includeRetired=true. A kind's fields are few, so there is no paging. Forms should read GET /api/metadata/{kind}, which adds the "
        + "built-in fields and each field's filter operators.")
    { Response = $$"""{"items":[{{Example}}]}""", Problems = [400] };

    public static readonly ApiDoc Create = new("Define a custom field",
        "Administrators (custom-field.edit). Records of the kind then store the field's value in their custom object under the key, checked "
        + "against the type on every write (400 naming custom.<key>). The key is unique per kind and never reused: a second define of it is "
        + "409 custom_field_exists, also when the first was retired. unique applies to text, number, phone and email fields and is declared here "
        + "only. Select options have stable keys; labels are display only. The field's id is a name-based UUID of kind and key.")
    {
        Request = """
            {"kind":"customer","key":"tier","label":"Service tier","type":"single_select","default":"silver",
            "options":[{"key":"gold","label":"Gold"},{"key":"silver","label":"Silver"}],"order":10}
            """,
        Response = Example, Status = StatusCodes.Status201Created, Problems = [400, 403, 409],
    };

    public static readonly ApiDoc Get = new("Read a custom field", "ETag is the field's version; a retired field is still readable.")
    { Response = Example, Problems = [404] };

    public static readonly ApiDoc Update = new("Change a custom field",
        "Only what is sent changes: label, required, unique (false only), default (null clears), options (the whole list: every option offered "
        + "before must stay; retire it instead), order. The kind, key and type never change. Each change is one event with the definition "
        + "before and after. If-Match → 412 when stale.")
    { Request = """{"label":"Tier","options":[{"key":"gold","label":"Gold"},{"key":"silver","label":"Silver","retired":true}]}""", Response = Example,
        Problems = [400, 403, 404, 412] };

    public static readonly ApiDoc Retire = new("Retire a custom field",
        "Hidden from forms, filters and the metadata endpoint; new values are refused (400 custom_field_unknown). Records keep their values and "
        + "their history. The key stays taken.")
    { Status = StatusCodes.Status204NoContent, Problems = [403, 404, 412] };

    public static readonly ApiDoc History = new("A custom field's operation log",
        "One entry per event, oldest first: defined, changed, retired, with actor and each attribute old → new (default and options as JSON).")
    {
        Response = """
            {"id":"8d1f2c3a-41b5-8e07-9a51-3f0c2b8e5c01","items":[{"version":2,"at":"2026-03-02T09:00:00+00:00","action":"changed",
            "eventType":"custom-field.changed","actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d01","requestId":"7f3c",
            "changes":[{"field":"label","old":"Service tier","new":"Tier"}]}]}
            """,
        Problems = [404],
    };
}
