using Crm.Host.Platform;

namespace Crm.Host.CustomFields;

/// <summary>What the OpenAPI document says about each kind's metadata operation (SET-1).</summary>
internal static class MetadataApiDocs
{
    private const string Example = """
        {"kind":"customer","fields":[{"name":"name","label":null,"source":"builtIn","type":"text","required":true,"unique":false,"default":null,
        "options":null,"values":null,"filterOperators":["eq","ne","in","contains","isNull"],"sortable":true,"order":null},
        {"name":"custom.tier","label":"Service tier","source":"custom","type":"single_select","required":false,"unique":false,"default":"silver",
        "options":[{"key":"gold","label":"Gold","retired":false},{"key":"silver","label":"Silver","retired":false}],
        "values":"one option key: gold, silver","filterOperators":["eq","ne","in","contains","isNull"],"sortable":false,"order":10}]}
        """;

    public static ApiDoc For(string kind) => new($"Every field of a {kind}, built-in and custom",
        $"The built-in fields of a {kind} its list filters on, then its live custom fields in form order: each with its type, whether it is "
        + "required or unique, its default and options (select fields; options keep stable keys, labels are display only), what its values look "
        + "like, the filter operators it takes (custom fields as custom.<key>) and whether ?sort= takes it. Records carry custom values in their "
        + "custom object keyed by field key. Retired custom fields are left out.")
    { Response = Example };
}
