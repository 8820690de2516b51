using Npgsql;

namespace Crm.Projections.Contracts;

/// <summary>
/// The facts a contract number rests on: the year's sequence (crm.contract_number_counters) and whether a contract holds a number
/// (crm.contracts' unique index). The sequence is taken in its own statement, outside the create's transaction, so creates never
/// queue behind each other; a create that fails after taking a value leaves a gap.
/// </summary>
public sealed class ContractNumbers(NpgsqlDataSource dataSource)
{
    /// <summary>The next value of <paramref name="year"/>'s sequence, from 1.</summary>
    public async Task<long> NextAsync(int year, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "insert into crm.contract_number_counters (year, last) values (@year, 1) " +
            "on conflict (year) do update set last = crm.contract_number_counters.last + 1 returning last");
        cmd.Parameters.Add(new NpgsqlParameter<int>("year", year));
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task<bool> IsTakenAsync(string number, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand();
        return await IsTakenAsync(cmd, number, ct);
    }

    /// <summary>The same, inside an append's transaction (its guard), after the number's lock.</summary>
    public async Task<bool> IsTakenAsync(string number, NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct = default)
    {
        await using var cmd = new NpgsqlCommand { Connection = connection, Transaction = tx };
        return await IsTakenAsync(cmd, number, ct);
    }

    private static async Task<bool> IsTakenAsync(NpgsqlCommand cmd, string number, CancellationToken ct)
    {
        cmd.CommandText = "select exists (select 1 from crm.contracts where number = @number)";
        cmd.Parameters.Add(new NpgsqlParameter<string>("number", number));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
