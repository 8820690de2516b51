using Crm.Events;
using Crm.Events.Approvals;
using Crm.Events.Sales;
using Crm.EventStore;
using Crm.Write.Approvals;
using Crm.Write.Contracts;
using Crm.Write.Payments;

namespace Crm.Benchmarks;

/// <summary>
/// Contracts, payments and their approvals as production writes them, through <c>AppendAsync</c> with the inline projections:
/// each contract created with <see cref="PlansEach"/> instalments, submitted and approved through a submission stream of its own
/// (one multi-stream append per command, as <c>ApprovalHandler</c> writes: the submission's events and the record's at known
/// versions); then <see cref="PaymentsEach"/> payments per contract, each recorded, submitted and approved the same way; then
/// the open submissions: payments recorded and submitted, still waiting for their approver. Every submission has one step of one
/// approver (of <paramref name="approvers"/>), so each approver's inbox holds about open ÷ approvers submissions.
/// </summary>
public sealed class MoneySeeder(EventStore.EventStore store, Guid[] owners, int approvers)
{
    public const int PlansEach = 3;
    public const int PaymentsEach = 3;
    private const int StreamsPerAppend = 1_000;
    private const int Writers = 2;

    public static readonly Guid ContractFlowId = Guid.CreateVersion7();
    public static readonly Guid PaymentFlowId = Guid.CreateVersion7();

    public Guid[] ApproverIds { get; } = Enumerable.Range(0, approvers).Select(_ => Guid.CreateVersion7()).ToArray();
    public Guid[] ContractIds { get; private set; } = [];
    public int Contracts => ContractIds.Length;
    public int ApprovedPayments => Contracts * PaymentsEach;

    private Guid[] customers = [];
    private Guid[] contractSubmissions = [];
    private Guid[] paymentIds = [];
    private Guid[] paymentSubmissions = [];
    private readonly DateTimeOffset start = DateTimeOffset.UtcNow.AddDays(-365);

    public Guid OwnerOf(int contract) => owners[(int)((uint)(contract * 7919) % owners.Length)];

    /// <summary>A third of the contract's amount: the contract is three equal instalments.</summary>
    public static decimal InstalmentOf(int contract) => 10_000m + (contract % 997) * 10m;

    public static decimal AmountOf(int contract) => InstalmentOf(contract) * PlansEach;

    /// <summary>Each approved payment is half an instalment: three leave half the contract receivable.</summary>
    public static decimal PaymentOf(int contract) => InstalmentOf(contract) / 2;

    /// <summary>The one approver of submission <paramref name="k"/> (contracts, approved payments, open payments numbered in a row).</summary>
    public Guid ApproverOf(int k) => ApproverIds[(int)((uint)(k * 31) % approvers)];

    /// <summary>The open submission <paramref name="open"/>'s approver: open ones are numbered after every approved one.</summary>
    public Guid OpenApproverOf(int open) => ApproverOf(Contracts + ApprovedPayments + open);

    public async Task SeedAsync(int contracts, int openSubmissions)
    {
        ContractIds = Enumerable.Range(0, contracts).Select(_ => Guid.CreateVersion7()).ToArray();
        customers = Enumerable.Range(0, contracts / 2 + 1).Select(_ => Guid.CreateVersion7()).ToArray();
        contractSubmissions = Enumerable.Range(0, contracts).Select(_ => Guid.CreateVersion7()).ToArray();
        var payments = ApprovedPayments + openSubmissions;
        paymentIds = Enumerable.Range(0, payments).Select(_ => Guid.CreateVersion7()).ToArray();
        paymentSubmissions = Enumerable.Range(0, payments).Select(_ => Guid.CreateVersion7()).ToArray();

        // Contract i is written on day CreatedOn(i) of the past year; its plan runs 30, 120 and 240 days after, so many are overdue.
        await PassAsync(contracts, 1, i => [new StreamAppend(ContractIds[i], Contract.StreamType, ExpectedVersion.NoStream, Created(i))]);
        await PassAsync(contracts, 2, i => Submit(ContractReach.Kind, Contract.StreamType, contractSubmissions[i], ContractIds[i], 1 + PlansEach,
            $"HT-{i:D7} Supply {i}", OwnerOf(i), ApproverOf(i), ContractFlowId, At(i, 1),
            new ContractSubmitted(ContractIds[i], contractSubmissions[i], At(i, 1))));
        await PassAsync(contracts, 2, i => Approve(ContractReach.Kind, Contract.StreamType, contractSubmissions[i], ContractIds[i], 2 + PlansEach,
            ApproverOf(i), At(i, 2),
            new ContractApproved(ContractIds[i], CustomerOf(i), contractSubmissions[i], 2 + PlansEach, new Money(AmountOf(i), "CNY"), At(i, 2))));

        await PassAsync(payments, 1, p => [new StreamAppend(paymentIds[p], Payment.StreamType, ExpectedVersion.NoStream, [Recorded(p)])]);
        await PassAsync(payments, 2, p => Submit(Payment.Kind, Payment.StreamType, paymentSubmissions[p], paymentIds[p], 1, $"Payment {p:D7}",
            OwnerOf(ContractOfPayment(p)), ApproverOf(Contracts + p), PaymentFlowId, PaidAt(p),
            new PaymentSubmitted(paymentIds[p], paymentSubmissions[p], PaidAt(p))));
        await PassAsync(ApprovedPayments, 2, p =>
        {
            var c = ContractOfPayment(p);
            var approved = new PaymentApproved(paymentIds[p], ContractIds[c], CustomerOf(c), paymentSubmissions[p], 2, new Money(PaymentOf(c), "CNY"),
                ReceivedOn(p), PaidAt(p).AddHours(2));
            return Approve(Payment.Kind, Payment.StreamType, paymentSubmissions[p], paymentIds[p], 2, ApproverOf(Contracts + p), PaidAt(p).AddHours(2),
                approved);
        });
    }

    private Guid CustomerOf(int contract) => customers[contract / 2];

    /// <summary>Approved payments go three to a contract in order; open ones spread over every contract.</summary>
    private int ContractOfPayment(int p) => p < ApprovedPayments ? p / PaymentsEach : (p - ApprovedPayments) * 7 % Contracts;

    private DateOnly CreatedOn(int contract) => DateOnly.FromDateTime(start.AddDays(contract * 300L / Contracts).UtcDateTime);

    private DateTimeOffset At(int contract, int step) => start.AddDays(contract * 300L / Contracts).AddMinutes(contract % 1440 + step * 90);

    /// <summary>Approved payments arrive 10, 30 and 50 days after their contract; open ones yesterday.</summary>
    private DateOnly ReceivedOn(int p) => p < ApprovedPayments
        ? CreatedOn(p / PaymentsEach).AddDays(10 + p % PaymentsEach * 20)
        : DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1));

    private DateTimeOffset PaidAt(int p) => new(ReceivedOn(p).ToDateTime(new TimeOnly(9, p % 600 / 10)), TimeSpan.Zero);

    private object[] Created(int i)
    {
        var at = At(i, 0);
        var created = CreatedOn(i);
        var events = new List<object>
        {
            new ContractCreated(ContractIds[i], $"HT-{i:D7}", CustomerOf(i), null, new ContractFields($"Supply {i}", SignedOn: created), [],
                new Money(AmountOf(i), "CNY"), true, OwnerOf(i), at),
        };
        int[] after = [30, 120, 240];
        for (var n = 0; n < PlansEach; n++)
        {
            events.Add(new PaymentPlanAdded(ContractIds[i], new PaymentPlanEntry(Guid.CreateVersion7(), n + 1, new Money(InstalmentOf(i), "CNY"),
                created.AddDays(after[n]), "bank transfer", 7, null)));
        }
        return [.. events];
    }

    private PaymentRecorded Recorded(int p)
    {
        var c = ContractOfPayment(p);
        var amount = p < ApprovedPayments ? PaymentOf(c) : 100m;
        return new PaymentRecorded(paymentIds[p], ContractIds[c], CustomerOf(c), new PaymentFields(new Money(amount, "CNY"), ReceivedOn(p), null,
            "bank transfer", null), OwnerOf(c), PaidAt(p));
    }

    /// <summary>As ApprovalHandler.SubmitAsync appends: the submission and its first step waiting, with the record's "submitted".</summary>
    private static StreamAppend[] Submit(string kind, string streamType, Guid submission, Guid record, long recordVersion, string title, Guid by,
        Guid approver, Guid flow, DateTimeOffset at, object recordSubmitted)
    {
        var hash = ApprovalContent.Hash(new Dictionary<string, string?> { ["record"] = record.ToString(), ["title"] = title });
        ApprovalStepPlan[] steps = [new(0, "Finance", ApproverKinds.User, null, ApprovalModes.Any, [approver])];
        var submitted = new ApprovalSubmitted(submission, kind, record, recordVersion + 1, hash, title, flow, 1, steps, by, at);
        return
        [
            new StreamAppend(submission, Approval.StreamType, ExpectedVersion.NoStream,
                [submitted, new ApprovalStepStarted(submission, kind, record, title, 0, "Finance", [approver], at)]),
            new StreamAppend(record, streamType, ExpectedVersion.Exactly(recordVersion), [recordSubmitted]),
        ];
    }

    /// <summary>As ApprovalHandler.ApproveAsync appends the last step's approval: step approved, submission completed, the record's "approved".</summary>
    private static StreamAppend[] Approve(string kind, string streamType, Guid submission, Guid record, long recordVersion, Guid approver,
        DateTimeOffset at, object recordApproved) =>
        [
            new StreamAppend(submission, Approval.StreamType, ExpectedVersion.Exactly(2),
                [new ApprovalStepApproved(submission, 0, approver, null, at), new ApprovalCompleted(submission, kind, record, recordVersion, at)]),
            new StreamAppend(record, streamType, ExpectedVersion.Exactly(recordVersion), [recordApproved]),
        ];

    /// <summary>Every item's appends, <see cref="StreamsPerAppend"/> streams per multi-stream append, <see cref="Writers"/> at a time.</summary>
    private async Task PassAsync(int count, int streamsEach, Func<int, StreamAppend[]> make)
    {
        var per = StreamsPerAppend / streamsEach;
        var batches = (count + per - 1) / per;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var batch = Interlocked.Increment(ref next);
                if (batch >= batches) return;
                var appends = new List<StreamAppend>(StreamsPerAppend);
                for (var i = batch * per; i < Math.Min((batch + 1) * per, count); i++) appends.AddRange(make(i));
                await store.AppendAsync(appends, new AppendOptions { Timestamp = start.AddDays(batch * 300L / batches) });
            }
        })));
    }
}
