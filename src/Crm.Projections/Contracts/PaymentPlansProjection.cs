using Crm.Events;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Projections.Contracts;

/// <summary>
/// crm.payment_plans, inline: one row per instalment. The owner is the contract's as crm.contracts has it in the same transaction
/// (registered after it), and follows every transfer; a deleted contract takes its plan along. Replaying in feed order always ends
/// in the same table: the last transfer sets the owner whatever an earlier insert found.
/// </summary>
public sealed class PaymentPlansProjection : EventProjection
{
    public override string Name => "crm.payment_plans";

    public override IReadOnlyList<string> Tables { get; } = ["crm.payment_plans"];

    public override IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(PaymentPlanAdded), typeof(PaymentPlanChanged), typeof(PaymentPlanRemoved), typeof(ContractTransferred), typeof(ContractDeleted)];

    protected override void Project(StoredEvent e, NpgsqlBatch batch)
    {
        var cmd = e.Data switch
        {
            PaymentPlanAdded x => Plan(x.ContractId, x.Plan, e.Timestamp,
                """
                insert into crm.payment_plans (plan_id, contract_id, owner_id, instalment, amount, currency, planned_on, method, remind_days_before,
                    remark, created_at, updated_at)
                select @plan, @contract, c.owner_id, @instalment, @amount, @currency, @planned, @method, @remind, @remark, @at, @at
                from crm.contracts c where c.id = @contract
                """),
            PaymentPlanChanged x => Plan(x.ContractId, x.Plan, e.Timestamp,
                """
                update crm.payment_plans set instalment = @instalment, amount = @amount, currency = @currency, planned_on = @planned, method = @method,
                    remind_days_before = @remind, remark = @remark, updated_at = @at
                where plan_id = @plan and contract_id = @contract
                """),
            PaymentPlanRemoved x => Ids(x.ContractId, "delete from crm.payment_plans where plan_id = @plan and contract_id = @contract", x.Previous.PlanId),
            ContractTransferred x => Owner(x.ContractId, x.OwnerId),
            ContractDeleted x => Ids(x.ContractId, "delete from crm.payment_plans where contract_id = @contract", null),
            _ => null,
        };
        if (cmd is not null) batch.BatchCommands.Add(cmd);
    }

    private static NpgsqlBatchCommand Plan(Guid contract, PaymentPlanEntry plan, DateTimeOffset at, string sql) => new(sql)
    {
        Parameters =
        {
            new NpgsqlParameter<Guid>("plan", plan.PlanId), new NpgsqlParameter<Guid>("contract", contract),
            new NpgsqlParameter<int>("instalment", plan.Instalment), new NpgsqlParameter<decimal>("amount", plan.Amount.Amount),
            new NpgsqlParameter<string>("currency", plan.Amount.Currency), new NpgsqlParameter<DateOnly>("planned", plan.PlannedOn),
            new NpgsqlParameter("method", NpgsqlDbType.Text) { Value = (object?)plan.Method ?? DBNull.Value },
            new NpgsqlParameter("remind", NpgsqlDbType.Integer) { Value = (object?)plan.RemindDaysBefore ?? DBNull.Value },
            new NpgsqlParameter("remark", NpgsqlDbType.Text) { Value = (object?)plan.Remark ?? DBNull.Value },
            new NpgsqlParameter<DateTimeOffset>("at", at),
        },
    };

    private static NpgsqlBatchCommand Ids(Guid contract, string sql, Guid? plan)
    {
        var cmd = new NpgsqlBatchCommand(sql) { Parameters = { new NpgsqlParameter<Guid>("contract", contract) } };
        if (plan is { } id) cmd.Parameters.Add(new NpgsqlParameter<Guid>("plan", id));
        return cmd;
    }

    private static NpgsqlBatchCommand Owner(Guid contract, Guid owner) =>
        new("update crm.payment_plans set owner_id = @owner where contract_id = @contract")
        {
            Parameters = { new NpgsqlParameter<Guid>("contract", contract), new NpgsqlParameter<Guid>("owner", owner) },
        };

    public override async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand("truncate crm.payment_plans");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
