using System.Globalization;
using Npgsql;

namespace Crm.Projections.Approvals;

/// <summary>
/// How one record kind lets a caller read its records, as the submission lists apply it (issue 12): besides the submissions they made
/// or approve, a caller sees those whose record they reach under the kind's own read permission and data scope — never more, so an
/// approval never shows a record's approved fields to someone its own module would hide it from.
/// <paramref name="Condition"/> is the kind's rule as SQL on the submission row <c>a</c> (<c>a.record_id</c>), written beside the kind's
/// own tables; <c>{all}</c> and <c>{owners}</c> stand for <paramref name="Scope"/>, <c>@me</c> for the caller.
/// </summary>
public sealed record ApprovalRecordReach(string Kind, string Condition, OwnerScope Scope);

/// <summary>Who sees which submission, as one SQL condition: the submitter, every approver ever named, and whoever reaches the record.</summary>
internal static class ApprovalSight
{
    /// <summary>The condition on crm.approvals <c>a</c>, its parameters added to <paramref name="parameters"/> (<c>@me</c> included).</summary>
    public static string Where(Guid me, IReadOnlyList<ApprovalRecordReach> reaches, NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<Guid>("me", me));
        var any = new List<string> { "a.submitted_by = @me", "a.participants @> array[@me]" };
        for (var i = 0; i < reaches.Count; i++)
        {
            var reach = reaches[i];
            var n = i.ToString(CultureInfo.InvariantCulture);
            parameters.Add(new NpgsqlParameter<string>("reach_kind_" + n, reach.Kind));
            parameters.Add(new NpgsqlParameter<bool>("reach_all_" + n, reach.Scope.All));
            parameters.Add(new NpgsqlParameter<Guid[]>("reach_owners_" + n, [.. reach.Scope.OwnerIds]));
            var condition = reach.Condition.Replace("{all}", "@reach_all_" + n, StringComparison.Ordinal)
                .Replace("{owners}", "@reach_owners_" + n, StringComparison.Ordinal);
            any.Add($"(a.record_kind = @reach_kind_{n} and {condition})");
        }
        return "(" + string.Join(" or ", any) + ")";
    }
}
