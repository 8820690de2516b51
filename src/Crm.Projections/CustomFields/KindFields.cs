using Crm.Projections.Contacts;
using Crm.Projections.Contracts;
using Crm.Projections.Customers;
using Crm.Projections.Filtering;
using Crm.Projections.Leads;
using Crm.Projections.Opportunities;
using Crm.Projections.Products;
using Npgsql;

namespace Crm.Projections.CustomFields;

/// <summary>
/// The fields of each record kind with custom fields (SET-1): the built-in filter fields its list knows, the table alias its list
/// query uses, and the live custom fields added as custom.&lt;key&gt;. One place, so every kind's list, export and scene and the
/// metadata endpoint offer the same fields.
/// </summary>
public sealed class KindFields(NpgsqlDataSource dataSource)
{
    public static IReadOnlyList<FilterField> BuiltIn(string kind) => kind switch
    {
        "lead" => LeadFilterFields.All,
        "customer" => CustomerFilterFields.All,
        "contact" => ContactFilterFields.All,
        "opportunity" => OpportunityFilterFields.All,
        "contract" => ContractFilterFields.All,
        "product" => ProductFilterFields.All,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind with custom fields."),
    };

    /// <summary>The alias of the kind's table in its list query.</summary>
    public static string Alias(string kind) => kind switch
    {
        "lead" => "l",
        "customer" => "c",
        "contact" or "contract" => "k",
        "opportunity" => "o",
        "product" => "p",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind with custom fields."),
    };

    /// <summary>The built-in fields and the kind's live custom fields, as its list's filter accepts them.</summary>
    public async Task<IReadOnlyList<FilterField>> FilterableAsync(string kind, CancellationToken ct = default) =>
        [.. BuiltIn(kind), .. CustomFilterFields.Of(await new CustomFieldQueries(dataSource).LiveAsync(kind, ct), Alias(kind) + ".custom")];
}
