using System.Data;
using System.Data.Common;
using Npgsql;

namespace Crm.EventStore.Rebuilds;

/// <summary>
/// A batch whose statements are pointed at the shadow tables when they run. Projections add plain
/// <see cref="NpgsqlBatchCommand"/>s; the rewrite happens here, once, right before execution.
/// </summary>
internal sealed class ShadowBatch(ShadowTables shadow, NpgsqlConnection connection, NpgsqlTransaction transaction)
    : NpgsqlBatch(connection, transaction)
{
    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken = default)
    {
        Redirect();
        return base.ExecuteNonQueryAsync(cancellationToken);
    }

    public override int ExecuteNonQuery()
    {
        Redirect();
        return base.ExecuteNonQuery();
    }

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken = default)
    {
        Redirect();
        return base.ExecuteScalarAsync(cancellationToken);
    }

    public override object? ExecuteScalar()
    {
        Redirect();
        return base.ExecuteScalar();
    }

    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        Redirect();
        return base.ExecuteDbDataReaderAsync(behavior, cancellationToken);
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        Redirect();
        return base.ExecuteDbDataReader(behavior);
    }

    private void Redirect()
    {
        foreach (var command in BatchCommands) command.CommandText = shadow.Apply(command.CommandText);
    }
}
