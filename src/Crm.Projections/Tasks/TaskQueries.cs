using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Tasks;

/// <summary>Reads of tasks: the detail row and the scoped, filtered lists.</summary>
public sealed class TaskQueries(NpgsqlDataSource dataSource)
{
    public async Task<TaskRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {TaskSql.Binder.SelectList} from crm.tasks where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? TaskSql.Binder.Read(reader) : null;
    }

    /// <summary>The open tasks a user owns (a hand-over moves them; completed and archived ones stay as they were).</summary>
    public async Task<IReadOnlyList<Guid>> OpenTasksOwnedByAsync(Guid owner, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("select id from crm.tasks where owner_id = @owner and status = 'open' order by id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("owner", owner));
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private static readonly ListSource<TaskRow> Source = new(
        "crm.tasks t", "t", TaskSql.ListColumns, TaskSql.ReadListed, ["name"], r => r.Id, r => r.Fields.Name, r => r.CreatedAt, r => r.UpdatedAt);

    /// <summary>Who sees a task in a list: its owner in the caller's scope, or the caller among its participants.</summary>
    internal const string ScopeSql = "(@all or t.owner_id = any(@owners) or t.participant_ids @> array[@viewer]::uuid[])";

    public Task<Page<TaskRow>> ListAsync(TaskListRequest request, CancellationToken ct = default)
    {
        var where = ScopeSql + " and t.status = any(@statuses)"
            + (request.OwnerId is null ? "" : " and t.owner_id = @ownerId")
            + (request.ParticipantOnly ? " and t.participant_ids @> array[@viewer]::uuid[]" : "")
            + (request.DueFrom is null ? "" : " and t.due_at >= @dueFrom")
            + (request.DueTo is null ? "" : " and t.due_at < @dueTo")
            + (request.RelatedKey is null ? "" : " and t.related_keys @> array[@related]::text[]");
        return KeysetList.QueryAsync(dataSource, Source, where, p =>
        {
            KeysetList.AddOwnerScope(p, request.Scope, request.ViewerId);
            p.Add(new NpgsqlParameter<string[]>("statuses", [.. request.Statuses]));
            if (request.OwnerId is { } owner) p.Add(new NpgsqlParameter<Guid>("ownerId", owner));
            if (request.DueFrom is { } from) p.Add(new NpgsqlParameter("dueFrom", NpgsqlDbType.TimestampTz) { Value = from.ToUniversalTime() });
            if (request.DueTo is { } to) p.Add(new NpgsqlParameter("dueTo", NpgsqlDbType.TimestampTz) { Value = to.ToUniversalTime() });
            if (request.RelatedKey is { } key) p.Add(new NpgsqlParameter<string>("related", key));
        }, request.Sort, null, request.Q, request.Limit, request.Cursor, ct);
    }
}
