using System.Text.Json;
using Crm.Events;
using Crm.EventStore;
using Crm.Projections.CustomFields;
using Crm.Write.Access;

namespace Crm.Write.CustomFields;

/// <summary>What a record's custom object is checked against: its kind's live fields, and the unique keys whose sent value another record holds.</summary>
public sealed record CustomFacts(IReadOnlyList<CustomFieldDefinition> Fields, IReadOnlySet<string> Taken)
{
    /// <summary>
    /// The record's custom object after the write, checked: the refusal names custom.&lt;key&gt; (400 for a bad value, 409
    /// custom_value_taken for a unique value another record holds).
    /// </summary>
    public (JsonElement? Custom, DomainError? Error, IReadOnlyList<FieldError> Errors) Apply(JsonElement? sent, JsonElement? current, bool create)
    {
        var (merge, errors) = CustomValues.Merge(Fields, sent, current, create);
        if (errors.Count > 0) return (null, null, errors);
        var sentKeys = sent is { ValueKind: JsonValueKind.Object } s ? s.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal) : [];
        if (Taken.FirstOrDefault(k => sentKeys.Contains(k) && merge!.Custom.ContainsKey(k)) is { } taken)
            return (null, DomainError.Conflict("custom_value_taken", $"Another record holds this custom.{taken} already; it is unique.", "custom." + taken),
                []);
        return (merge!.Custom.Count == 0 ? null : CustomValues.ToJson(merge.Custom), null, []);
    }
}

/// <summary>
/// A record write's custom facts (SET-1): the kind's fields read once, and the holders of the unique values sent read in every cycle of
/// the command (<see cref="ReadAsync"/>) and again by <see cref="Guard"/> inside the append's transaction after its locks — as product
/// codes are guarded (ProductCheck): two records taking one value at once answer one success and one 409, never two holders.
/// </summary>
public sealed class CustomCheck(
    CustomFieldQueries queries, string kind, Guid recordId, IReadOnlyList<CustomFieldDefinition> fields, IReadOnlyList<(string Key, JsonElement Value)> probes)
{
    private string? seen;

    public static CustomCheck None(CustomFieldQueries queries) => new(queries, "customer", Guid.Empty, [], []);

    /// <summary>The facts for this cycle's decision.</summary>
    public async Task<CustomFacts> ReadAsync(CancellationToken ct)
    {
        var taken = await TakenAsync(null, null, ct);
        seen = Text(taken);
        return new CustomFacts(fields, taken);
    }

    /// <summary>The unique values' locks and re-check; null when no unique value is sent.</summary>
    public AppendGuard? Guard => probes.Count == 0 ? null : new AppendGuard(
        [.. probes.Select(p => $"custom:{kind}:{p.Key}:{CustomJson.Canonical(p.Value)}").Order(StringComparer.Ordinal)],
        async (connection, tx, ct) => Text(await TakenAsync(connection, tx, ct)) == seen);

    private static string Text(IReadOnlySet<string> taken) => string.Join(",", taken.Order(StringComparer.Ordinal));

    private async Task<IReadOnlySet<string>> TakenAsync(Npgsql.NpgsqlConnection? connection, Npgsql.NpgsqlTransaction? tx, CancellationToken ct)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in probes)
        {
            if (await queries.HolderAsync(kind, key, value, recordId, connection, tx, ct) is not null) taken.Add(key);
        }
        return taken;
    }
}

/// <summary>
/// Prepares a record write's <see cref="CustomCheck"/> (SET-1): reads the kind's live fields, finds the unique values sent, and applies
/// the receiver rule to every user field's value (a user who exists and is enabled; 422 naming custom.&lt;key&gt;).
/// </summary>
public sealed class CustomFieldFacts(CustomFieldQueries queries, Receivers receivers)
{
    /// <summary>The kind's live fields.</summary>
    public Task<IReadOnlyList<CustomFieldDefinition>> FieldsAsync(string kind, CancellationToken ct) => queries.LiveAsync(kind, ct);

    /// <param name="sent">The custom object as sent; on an edit without one, nothing is read.</param>
    /// <param name="known">The kind's live fields when the caller read them already (an import reads them once for all its rows).</param>
    public async Task<(CustomCheck Check, DomainError? Refusal)> PrepareAsync(
        string kind, Guid recordId, JsonElement? sent, bool create, CancellationToken ct, IReadOnlyList<CustomFieldDefinition>? known = null)
    {
        var hasSent = sent is { ValueKind: JsonValueKind.Object };
        if (!create && !hasSent) return (CustomCheck.None(queries), null);
        var fields = known ?? await queries.LiveAsync(kind, ct);
        var probes = new List<(string Key, JsonElement Value)>();
        foreach (var p in hasSent ? sent!.Value.EnumerateObject() : [])
        {
            if (fields.FirstOrDefault(f => f.Key == p.Name) is not { } field) continue;
            var (value, error) = CustomValue.Check(field, p.Value);
            if (error is not null || value is not { } v) continue;
            if (field.Type == CustomFieldTypes.User
                && await receivers.CheckAsync(Guid.Parse(v.GetString()!), "custom." + p.Name, OwnerScope.All, ct) is { } badUser)
                return (CustomCheck.None(queries), badUser);
            if (field.Unique) probes.Add((p.Name, v));
        }
        return (new CustomCheck(queries, kind, recordId, fields, probes), null);
    }
}
