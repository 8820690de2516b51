using Crm.Events.Approvals;
using Crm.EventStore;
using Crm.Projections.Approvals;

namespace Crm.Write.Approvals;

/// <summary>
/// The approval engine (SAL-4), one for every record kind. Each command is one multi-stream append: the submission's stream and
/// the record's stream, each at the version read, so the record's "submitted / approved / rejected / withdrawn" and the
/// submission's events commit together or not at all. Completing the last step re-reads the record: still pending with the
/// content hash that was submitted, or 409 <c>record_changed</c> — an approval never lands on fields nobody approved.
/// </summary>
public sealed class ApprovalHandler(
    CommandHandler handler, EventStore.EventStore store, ApprovalSubjects subjects, ApprovalFlowQueries flows, TimeProvider clock)
{
    /// <summary>Submits the record (If-Match: the record's version); the outcome is the new submission's.</summary>
    public Task<CommandOutcome> SubmitAsync(IApprovalSubject subject, Guid recordId, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var submissionId = Guid.CreateVersion7();
        return handler.HandleManyAsync(submissionId, async t =>
        {
            var (record, refusal) = await subject.ReadAsync(recordId, caller, subject.SubmitPermission, true, t);
            if (refusal is not null || record is null) return MultiStreamPlan.Refuse(refusal ?? NotFound(subject, recordId));
            if (request.ExpectedVersion is { } expected && expected != record.Version)
                return MultiStreamPlan.Refuse(CommandHandler.Stale(expected, record.Version));
            var flow = await flows.EnabledAsync(subject.Kind, t);
            var context = Context(request);
            var decision = Approval.Decide(new SubmitRecord(submissionId, record, subject.CanSubmit(record), flow?.Id, flow?.Version ?? 0, flow?.Steps ?? [],
                caller.ActorId, caller.Snapshot), context);
            if (decision.Error is { } error) return MultiStreamPlan.Refuse(error);
            var completes = decision.Events.OfType<ApprovalCompleted>().Any();
            var (crossed, guard) = await subject.CrossCheckAsync(record, completes, t);
            if (crossed is not null) return MultiStreamPlan.Refuse(crossed);
            var own = new List<object> { subject.Submitted(record, submissionId, context.Now) };
            if (completes) own.Add(subject.Approved(record, submissionId, record.Version + 1, context.Now));
            return Plan(submissionId, decision.Events, 0, subject, record, own) with { Guard = guard };
        }, request with { ExpectedVersion = null }, ct);
    }

    public Task<CommandOutcome> ApproveAsync(Guid submissionId, string? comment, Caller caller, CommandRequest request, CancellationToken ct) =>
        ActAsync(submissionId, caller, request, (state, context) =>
            Approval.Decide(new ApproveStep(submissionId, caller.ActorId, comment, ApproverStanding.Of(caller.ActorId, caller.Snapshot)), state, context), ct);

    public Task<CommandOutcome> RejectAsync(Guid submissionId, string? reason, Caller caller, CommandRequest request, CancellationToken ct) =>
        ActAsync(submissionId, caller, request, (state, context) =>
            Approval.Decide(new RejectSubmission(submissionId, caller.ActorId, reason, ApproverStanding.Of(caller.ActorId, caller.Snapshot)), state,
                context), ct);

    /// <summary>Puts another approver in place of one the current step waits for (approval-flow.reassign, checked by the endpoint).</summary>
    public Task<CommandOutcome> ReassignAsync(Guid submissionId, Guid? from, Guid? to, string? reason, Caller caller, CommandRequest request,
        CancellationToken ct) =>
        ActAsync(submissionId, caller, request, (state, context) => Approval.Decide(new ReassignApprover(submissionId, from, to, reason, caller.ActorId,
            to is { } id ? caller.Snapshot.FindUser(id) : null), state, context), ct);

    public Task<CommandOutcome> WithdrawAsync(Guid submissionId, Caller caller, CommandRequest request, CancellationToken ct) =>
        ActAsync(submissionId, caller, request, (state, context) => Approval.Decide(new WithdrawSubmission(submissionId, caller.ActorId), state, context), ct);

    /// <summary>
    /// Loads the submission, hides it from whoever does not see it (<see cref="ApprovalReaders"/>: 404, like a missing one), checks If-Match,
    /// decides; an ending decision adds the record's own event, appended at the record's version as read now.
    /// </summary>
    private Task<CommandOutcome> ActAsync(Guid submissionId, Caller caller, CommandRequest request,
        Func<ApprovalState, CommandContext, Decision> decide, CancellationToken ct) =>
        handler.HandleManyAsync(submissionId, async t =>
        {
            var (state, version) = await store.AggregateStreamAsync(submissionId, Approval.Decider.Initial, (s, e) => Approval.Decider.Evolve(s, e.Data), ct: t)
                                   ?? (Approval.Decider.Initial, 0);
            if (!state.Exists || subjects.Find(state.RecordKind) is not { } subject || !await subject.SeesAsync(state, caller, t))
                return MultiStreamPlan.Refuse(Approval.NotFound(submissionId));
            if (request.ExpectedVersion is { } expected && expected != version) return MultiStreamPlan.Refuse(CommandHandler.Stale(expected, version));
            var context = Context(request);
            var decision = decide(state, context);
            if (decision.Error is { } error) return MultiStreamPlan.Refuse(error);
            var ending = decision.Events.FirstOrDefault(e => e is ApprovalCompleted or ApprovalRejected or ApprovalWithdrawn);
            if (ending is null) return Plan(submissionId, decision.Events, version, null, null, []);
            var (record, _) = await subject.ReadAsync(state.RecordId, null, null, false, t);
            if (ending is ApprovalCompleted && (record is null || record.Status != Events.ApprovalStatus.Pending || record.ContentHash != state.ContentHash))
                return MultiStreamPlan.Refuse(RecordChanged(state));
            if (record is null) return Plan(submissionId, decision.Events, version, null, null, []);
            AppendGuard? guard = null;
            if (ending is ApprovalCompleted)
            {
                // Rules across records hold at the moment of approval, not only at submission (e.g. two pending invoices of one contract).
                (var crossed, guard) = await subject.CrossCheckAsync(record, true, t);
                if (crossed is not null) return MultiStreamPlan.Refuse(crossed);
            }
            object own = ending switch
            {
                ApprovalCompleted => subject.Approved(record, submissionId, state.RecordVersion, context.Now),
                ApprovalRejected r => subject.Rejected(record, submissionId, r.Reason, context.Now),
                _ => subject.Withdrawn(record, submissionId, context.Now),
            };
            return Plan(submissionId, decision.Events, version, subject, record, [own]) with { Guard = guard };
        }, request with { ExpectedVersion = null }, ct);

    private static MultiStreamPlan Plan(Guid submissionId, IReadOnlyList<object> events, long version, IApprovalSubject? subject, ApprovalRecord? record,
        IReadOnlyList<object> recordEvents)
    {
        var changes = new List<StreamChange> { new(submissionId, Approval.StreamType, events) };
        var versions = new Dictionary<Guid, long> { [submissionId] = version };
        if (subject is not null && record is not null && recordEvents.Count > 0)
        {
            changes.Add(new StreamChange(record.RecordId, subject.StreamType, recordEvents));
            versions[record.RecordId] = record.Version;
        }
        return new MultiStreamPlan(new MultiStreamDecision(changes, null), versions, version);
    }

    private static DomainError RecordChanged(ApprovalState state) => DomainError.Conflict("record_changed",
        $"The {state.RecordKind} is no longer the version that was submitted (version {state.RecordVersion}): it cannot be approved; submit it again.");

    private static DomainError NotFound(IApprovalSubject subject, Guid id) => Access.RecordAccess.NotFound(subject.Kind, id);

    private CommandContext Context(CommandRequest request) => CommandContexts.For(clock, request);
}
