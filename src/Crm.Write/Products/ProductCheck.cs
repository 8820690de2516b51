using System.Text.Json;
using Crm.EventStore;
using Crm.Projections.Products;
using Npgsql;

namespace Crm.Write.Products;

/// <summary>The locks a product rule is guarded by, taken inside the append's own transaction.</summary>
public static class ProductLocks
{
    /// <summary>The category tree, and which category a product is in (no cycle; nothing put into a category being deleted).</summary>
    public const string Categories = "products:categories";

    /// <summary>One product code (upper case): two products cannot take it at once.</summary>
    public static string Code(string code) => "products:code:" + code.ToUpperInvariant();
}

/// <summary>
/// The facts one product command decides on, read now for the decision and again by its append guard inside the
/// append's transaction after the guard's locks: when they differ (another command committed meanwhile) nothing is
/// written and the command decides again, so two creates with one code answer one 201 and one 409, never a
/// constraint error. As OrgCheck does for the org tree.
/// </summary>
public sealed class ProductCheck<TFacts>(NpgsqlDataSource dataSource, Func<ProductFacts, CancellationToken, Task<TFacts>> read, params string[] locks)
{
    private static readonly JsonSerializerOptions Compare = new() { IncludeFields = true };
    private string? seen;

    public async Task<TFacts> ReadAsync(CancellationToken ct)
    {
        var facts = await read(ProductFacts.Now(dataSource), ct);
        seen = JsonSerializer.Serialize(facts, Compare);
        return facts;
    }

    public AppendGuard Guard => new(locks, async (connection, tx, ct) =>
        JsonSerializer.Serialize(await read(ProductFacts.Within(connection, tx), ct), Compare) == seen);
}
