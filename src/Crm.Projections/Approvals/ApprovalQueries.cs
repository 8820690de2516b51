using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Approvals;

/// <summary>
/// Which submissions a list shows. A caller sees the submissions they made or are (or were) an approver of, and those whose record
/// they reach by its kind's own rule (<paramref name="Reaches"/>: one per kind whose read permission the caller holds).
/// <paramref name="WaitingForMe"/>: only those whose current step still waits for <paramref name="Me"/>; <paramref name="SubmittedByMe"/>:
/// only the caller's own.
/// </summary>
public sealed record ApprovalListRequest(
    Guid Me, IReadOnlyList<ApprovalRecordReach> Reaches, bool WaitingForMe, bool SubmittedByMe, string? RecordKind, string? Status, int Take,
    string? Cursor);

/// <summary>Reads of submissions: one, the latest of a record, and lists newest first, keyset-paged by (submitted_at, id).</summary>
public sealed class ApprovalQueries(NpgsqlDataSource dataSource)
{
    public async Task<ApprovalRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {ApprovalSql.Binder.SelectList} from crm.approvals where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ApprovalSql.Binder.Read(reader) : null;
    }

    /// <summary>The submission when <paramref name="me"/> sees it (the lists' rule, <see cref="ApprovalSight"/>); else null, as for an unknown id.</summary>
    public async Task<ApprovalRow?> GetSeenAsync(Guid id, Guid me, IReadOnlyList<ApprovalRecordReach> reaches, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand();
        var sight = ApprovalSight.Where(me, reaches, cmd.Parameters);
        cmd.CommandText = $"select {ApprovalSql.Binder.SelectList} from crm.approvals a where a.id = @id and {sight}";
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ApprovalSql.Binder.Read(reader) : null;
    }

    /// <summary>The record's latest submission (whatever its status), or null when it was never submitted.</summary>
    public async Task<ApprovalRow?> LatestOfAsync(string recordKind, Guid recordId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            select {ApprovalSql.Binder.SelectList} from crm.approvals
            where record_kind = @kind and record_id = @record order by submitted_at desc, id desc limit 1
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string>("kind", recordKind));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("record", recordId));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ApprovalSql.Binder.Read(reader) : null;
    }

    public async Task<Page<ApprovalRow>> ListAsync(ApprovalListRequest request, CancellationToken ct = default)
    {
        var hasAfter = KeysetCursor.TryDecode(request.Cursor, out var after);
        var afterAt = hasAfter && DateTimeOffset.TryParse(after.SortValue, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime() : DateTimeOffset.MaxValue;
        await using var cmd = dataSource.CreateCommand();
        // Each filter is its own literal condition, so PostgreSQL plans "waiting for me" on the GIN index of waiting_for alone. Who may see
        // what is filtered here, before the limit: a page is never short because rows were dropped after paging.
        var where = new List<string> { "(not @hasAfter or (submitted_at, id) < (@afterAt, @afterId))" };
        if (request.WaitingForMe) where.Add("waiting_for @> array[@me]");
        if (request.SubmittedByMe) where.Add("submitted_by = @me");
        // Waiting for me or made by me: seen by that alone.
        if (request.WaitingForMe || request.SubmittedByMe) cmd.Parameters.Add(new NpgsqlParameter<Guid>("me", request.Me));
        else where.Add(ApprovalSight.Where(request.Me, request.Reaches, cmd.Parameters));
        if (request.RecordKind is not null) where.Add("record_kind = @kind");
        if (request.Status is not null) where.Add("status = @status");
        cmd.CommandText = $"select {ApprovalSql.Binder.SelectList} from crm.approvals a where {string.Join(" and ", where)} " +
                          $"order by submitted_at desc, id desc limit {(request.Take + 1).ToString(CultureInfo.InvariantCulture)}";
        cmd.Parameters.Add(new NpgsqlParameter<bool>("hasAfter", hasAfter));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("afterAt", afterAt));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("afterId", after.Id));
        cmd.Parameters.Add(new NpgsqlParameter("kind", NpgsqlDbType.Text) { Value = (object?)request.RecordKind ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = (object?)request.Status ?? DBNull.Value });
        var rows = new List<ApprovalRow>(request.Take + 1);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) rows.Add(ApprovalSql.Binder.Read(reader));
        }
        if (rows.Count <= request.Take) return new Page<ApprovalRow>(rows, null);
        rows.RemoveAt(request.Take);
        return new Page<ApprovalRow>(rows, KeysetCursor.Encode(rows[^1].SubmittedAt.ToString("O", CultureInfo.InvariantCulture), rows[^1].Id));
    }
}
