using Crm.Events;
using Crm.EventStore;
using Crm.Projections.Tables;
using Npgsql;

namespace Crm.Projections.Opportunities;

/// <summary>A member of an opportunity's team, as the detail view lists it.</summary>
public sealed record OpportunityTeamMember(Guid UserId, string Access, DateTimeOffset AddedAt);

/// <summary>Reads of opportunities: lists within a data scope, detail with lines and team, time travel.</summary>
public sealed class OpportunityQueries(NpgsqlDataSource dataSource, EventStore.EventStore store)
{
    /// <summary>The fields the list filters on: the built-in ones and the live custom fields (custom.&lt;key&gt;, SET-1).</summary>
    public Task<IReadOnlyList<Filtering.FilterField>> FilterFieldsAsync(CancellationToken ct = default) =>
        new CustomFields.KindFields(dataSource).FilterableAsync("opportunity", ct);

    public async Task<OpportunityRow?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"select {OpportunitySql.Binder.SelectList} from crm.opportunities where id = @id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? OpportunitySql.Binder.Read(reader) : null;
    }

    /// <summary>The opportunity (with its lines) as it was at a version or a moment; null if it did not exist then.</summary>
    public Task<OpportunityRow?> GetAsOfAsync(Guid id, long? version, DateTimeOffset? asOf, CancellationToken ct = default) =>
        store.ReadAsOfAsync<OpportunityRow>(id, version, asOf, OpportunityRow.Evolve, ct);

    internal static ListSource<OpportunityRow> Source { get; } = new(
        "crm.opportunities o", "o", OpportunitySql.Binder.SelectList, OpportunitySql.Binder.Read, ["name"],
        r => r.Id, r => r.Fields.Name, r => r.CreatedAt, r => r.UpdatedAt);

    public Task<Page<OpportunityRow>> ListAsync(OpportunityListRequest request, CancellationToken ct = default) =>
        KeysetList.QueryAsync(dataSource, Source, ScopeSql, p => KeysetList.AddOwnerScope(p, request.Scope, request.ViewerId),
            request.Sort, request.Filter, request.Q, request.Limit, request.Cursor, ct);

    /// <summary>The number of opportunities the list would page through (includeTotal=true).</summary>
    public Task<long> CountAsync(OpportunityListRequest request, CancellationToken ct = default) =>
        KeysetList.CountAsync(dataSource, Source, ScopeSql, p => KeysetList.AddOwnerScope(p, request.Scope, request.ViewerId), request.Filter,
            request.Q, ct);

    public async Task<IReadOnlyList<OpportunityTeamMember>> TeamAsync(Guid opportunityId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "select user_id, access, added_at from crm.opportunity_team where opportunity_id = @id order by added_at, user_id");
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", opportunityId));
        var members = new List<OpportunityTeamMember>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var r = new RowReader(reader);
        while (await reader.ReadAsync(ct)) members.Add(new OpportunityTeamMember(r.Id("user_id"), r.Text("access"), r.Time("added_at")));
        return members;
    }

    public Task<IReadOnlyList<OpportunityLine>> LinesAsync(Guid opportunityId, CancellationToken ct = default) =>
        LineTableReader.ReadAsync(dataSource, "crm.opportunity_lines", "opportunity_id", opportunityId, ct);

    // Team members see the opportunity whatever their scope, as customers' do (CUS-3).
    private const string ScopeSql =
        "(@all or o.owner_id = any(@owners) or exists (select 1 from crm.opportunity_team t where t.opportunity_id = o.id and t.user_id = @viewer))";
}
