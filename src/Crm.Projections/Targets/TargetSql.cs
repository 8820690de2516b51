using Crm.Events;
using Crm.Projections.Tables;

namespace Crm.Projections.Targets;

/// <summary>crm.targets by column name, shared by the projection and the queries, so they cannot drift.</summary>
internal sealed class TargetSql() : RowBinder<TargetRow>("id",
    "id", "subject_kind", "subject_id", "measure", "year", "period", "period_no", "starts_on", "ends_before", "amount", "currency", "version",
    "created_at", "updated_at")
{
    public static readonly TargetSql Binder = new();

    public override TargetRow Read(RowReader r) => new(r.Id("id"),
        new TargetKey(r.Text("subject_kind"), r.Id("subject_id"), r.Text("measure"), r.Int("year"), r.Text("period"), r.Value<int?>("period_no")),
        new Money(r.Value<decimal>("amount"), r.Text("currency")), r.Long("version"), r.Time("created_at"), r.Time("updated_at"));

    public override void Write(TargetRow row, RowValues v)
    {
        var k = row.Key;
        v.Set("id", row.Id).Set("subject_kind", k.SubjectKind).Set("subject_id", k.SubjectId).Set("measure", k.Measure).Set("year", k.Year)
            .Set("period", k.Period).Set<object>("period_no", (object?)k.PeriodNo ?? DBNull.Value).Set("starts_on", k.From).Set("ends_before", k.Until)
            .Set("amount", row.Amount.Amount)
            .Set("currency", row.Amount.Currency).Set("version", row.Version).Set("created_at", row.CreatedAt).Set("updated_at", row.UpdatedAt);
    }
}
