using System.Text.Json;
using Crm.Events;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.CustomFields;

/// <summary>Reads of custom-field definitions (crm.custom_fields) and the unique check's lookup over a kind's records.</summary>
public sealed class CustomFieldQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The read-model table of each kind with custom fields (each has a custom jsonb column and a GIN index on it).</summary>
    public static IReadOnlyDictionary<string, string> Tables { get; } = new Dictionary<string, string>
    {
        ["lead"] = "crm.leads", ["customer"] = "crm.customers", ["contact"] = "crm.contacts", ["opportunity"] = "crm.opportunities",
        ["contract"] = "crm.contracts", ["product"] = "crm.products",
    };

    private const string Order = "order by kind, position, key";

    /// <summary>Every field of a kind (null: of every kind), in form order; retired ones only when asked.</summary>
    public async Task<IReadOnlyList<CustomFieldRow>> ListAsync(string? kind, bool withRetired, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"select {CustomFieldSql.Binder.SelectList} from crm.custom_fields where (@kind::text is null or kind = @kind) and (@retired or not retired) "
            + Order);
        cmd.Parameters.Add(new NpgsqlParameter("kind", NpgsqlDbType.Text) { Value = (object?)kind ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<bool>("retired", withRetired));
        return await ReadAsync(cmd, ct);
    }

    public async Task<CustomFieldRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {CustomFieldSql.Binder.SelectList} from crm.custom_fields where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        return (await ReadAsync(cmd, ct)).FirstOrDefault();
    }

    /// <summary>The live definitions of a kind, in form order: what a record's write checks its custom object against.</summary>
    public async Task<IReadOnlyList<CustomFieldDefinition>> LiveAsync(string kind, CancellationToken ct = default) =>
        (await ListAsync(kind, false, ct)).Select(r => r.Definition).ToList();

    /// <summary>
    /// A record of <paramref name="kind"/> other than <paramref name="except"/> whose custom value under <paramref name="key"/> is
    /// <paramref name="value"/>, or null; on the append's connection when given (the unique guard's re-check under its lock).
    /// </summary>
    public async Task<Guid?> HolderAsync(string kind, string key, JsonElement value, Guid except, NpgsqlConnection? connection, NpgsqlTransaction? tx,
        CancellationToken ct)
    {
        await using var cmd = connection is null ? dataSource.CreateCommand() : new NpgsqlCommand { Connection = connection, Transaction = tx };
        // Containment, so the table's GIN index on custom finds the holder among millions of rows.
        cmd.CommandText = $"select id from {Tables[kind]} where custom @> @probe and id <> @except limit 1";
        cmd.Parameters.Add(new NpgsqlParameter("probe", NpgsqlDbType.Jsonb) { Value = CustomJson.Canonical(Probe(key, value)) });
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("except", except));
        return await cmd.ExecuteScalarAsync(ct) is Guid id ? id : null;
    }

    /// <summary>{"key": value}: the containment probe of one custom value.</summary>
    public static JsonElement Probe(string key, JsonElement value) => JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { [key] = value });

    private static async Task<IReadOnlyList<CustomFieldRow>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var rows = new List<CustomFieldRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(CustomFieldSql.Binder.Read(reader));
        return rows;
    }
}
