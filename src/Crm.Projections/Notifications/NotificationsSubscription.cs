using System.Globalization;
using System.Security.Cryptography;
using Crm.Events;
using Crm.Events.Approvals;
using Crm.Events.Contacts;
using Crm.Events.Customers;
using Crm.Events.Leads;
using Crm.Events.Sales;
using Crm.Events.Tasks;
using Crm.EventStore;
using Crm.EventStore.Projections;
using Crm.EventStore.Subscriptions;
using Npgsql;
using FieldChange = Crm.Events.FieldChange;

namespace Crm.Projections.Notifications;

/// <summary>
/// The in-app notifications, as a subscription (docs/event-store.md, "Subscriptions"): "transferred to you", "assigned to you", the
/// recycling warning and the recycling itself, and the approval engine's notices (SAL-4: every approver of a step when it starts waiting
/// for them and an approver a waiting step is reassigned to, the submitter when the submission is approved or rejected). Each becomes a
/// <see cref="NotificationDue"/> message, handed to the outbox in the daemon's transaction; its handler writes crm.notifications.
/// A message carries the record's name as it was then, from the subscription's own state (crm.notification_names, fed by the customer,
/// contact, task, lead, opportunity and contract events; crm.notification_submissions, the submitter and title of each submission),
/// never from another read model: a replay sends the same texts.
/// </summary>
public sealed class NotificationsSubscription(ISubscriptionOutbox outbox) : Subscription(outbox)
{
    public const string SubscriptionName = "crm.notifications";

    public override string Name => SubscriptionName;

    public override IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(CustomerTransferred), typeof(CustomerAssigned), typeof(CustomerRecyclingWarned), typeof(CustomerRecycled),
        typeof(ContactTransferred), typeof(CustomerCreated), typeof(CustomerEdited), typeof(ContactCreated), typeof(ContactEdited),
        typeof(ContactPersonalDataErased),
        typeof(ApprovalSubmitted), typeof(ApprovalStepStarted), typeof(ApprovalCompleted), typeof(ApprovalRejected), typeof(ApprovalApproverReassigned),
        typeof(TaskCreated), typeof(TaskEdited), typeof(TaskReassigned), typeof(TaskParticipantsChanged), typeof(TaskCommentAdded),
        typeof(TaskCommentEdited),
        typeof(LeadCreated), typeof(LeadEdited), typeof(LeadTransferred), typeof(LeadPersonalDataErased), typeof(OpportunityCreated),
        typeof(OpportunityEdited), typeof(OpportunityTransferred), typeof(ContractCreated), typeof(ContractEdited), typeof(ContractTransferred),
    ];

    private sealed record Submission(Guid By, string Kind, string Title);

    protected override async Task HandleAsync(IReadOnlyList<StoredEvent> events, SubscriptionBatch batch, CancellationToken ct)
    {
        // The state this batch reads, loaded once; what it changes, written once (in the checkpoint's transaction).
        var (names, submissions) = await LoadAsync(events, batch.Context, ct);
        var (renamed, submitted, erased, erasedLeads) = (new HashSet<Guid>(), new HashSet<Guid>(), new HashSet<Guid>(), new HashSet<Guid>());
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case CustomerCreated x: Rename(x.CustomerId, x.Fields.Name); break;
                case CustomerEdited x when NewName(x.Changes) is { } name: Rename(x.CustomerId, name); break;
                case ContactCreated x: Rename(x.ContactId, x.Fields.Name); break;
                case ContactEdited x when NewName(x.Changes) is { } name: Rename(x.ContactId, name); break;
                case ContactPersonalDataErased x:
                    Rename(x.ContactId, PersonalData.Erased);
                    erased.Add(x.ContactId);
                    break;
                case TaskCreated x:
                    Rename(x.TaskId, x.Fields.Name);
                    foreach (var due in TaskNotices.Of(e, names)) await batch.SendAsync(due.Id, due, ct: ct);
                    break;
                case TaskEdited x when NewName(x.Changes) is { } name: Rename(x.TaskId, name); break;
                case LeadCreated x: Rename(x.LeadId, x.Fields.Name); break;
                case LeadEdited x when NewName(x.Changes) is { } name: Rename(x.LeadId, name); break;
                case LeadPersonalDataErased x:
                    Rename(x.LeadId, PersonalData.Erased);
                    erasedLeads.Add(x.LeadId);
                    break;
                case OpportunityCreated x: Rename(x.OpportunityId, x.Fields.Name); break;
                case OpportunityEdited x when NewName(x.Changes) is { } name: Rename(x.OpportunityId, name); break;
                case ContractCreated x: Rename(x.ContractId, x.Fields.Name); break;
                case ContractEdited x when NewName(x.Changes) is { } name: Rename(x.ContractId, name); break;
                case ApprovalSubmitted x:
                    if (submissions.TryAdd(x.SubmissionId, new Submission(x.SubmittedBy, x.RecordKind, x.Title))) submitted.Add(x.SubmissionId);
                    break;
                default:
                    foreach (var due in Notices(e, names, submissions)) await batch.SendAsync(due.Id, due, ct: ct);
                    break;
            }
        }
        await SaveAsync(batch.Context, names, renamed, submissions, submitted, ct);
        if (erased.Count > 0) await EraseAsync(batch.Context, erased, ContactTransferred, ct);
        if (erasedLeads.Count > 0) await EraseAsync(batch.Context, erasedLeads, TransferNotices.Lead, ct);

        void Rename(Guid record, string name)
        {
            names[record] = name;
            renamed.Add(record);
        }
    }

    private static IEnumerable<NotificationDue> Notices(StoredEvent e, Dictionary<Guid, string> names, Dictionary<Guid, Submission> submissions)
    {
        foreach (var due in TaskNotices.Of(e, names)) yield return due;
        if (TransferNotices.Of(e, names) is { } transferred) yield return transferred;
        string Named(Guid record, string text) =>
            text.Replace("%name%", names.TryGetValue(record, out var n) ? n : record.ToString(), StringComparison.Ordinal);
        NotificationDue Due(Guid user, string kind, string type, Guid record, string text, DateTimeOffset? dueAt = null, Guid? id = null) =>
            new(id ?? e.EventId, user, kind, type, record, text, dueAt, e.Metadata.ActorId, e.Timestamp);
        switch (e.Data)
        {
            case CustomerTransferred x:
                yield return Due(x.OwnerId, "customer_transferred", "customer", x.CustomerId, Named(x.CustomerId, "Customer %name% was transferred to you."));
                break;
            case CustomerAssigned x:
                yield return Due(x.OwnerId, "customer_assigned", "customer", x.CustomerId,
                    Named(x.CustomerId, "Customer %name% was assigned to you from the public pool."));
                break;
            case CustomerRecyclingWarned x:
                yield return Due(x.OwnerId, "customer_recycling_warning", "customer", x.CustomerId, Named(x.CustomerId,
                    "Customer %name% goes back to the public pool on " + x.RecycleAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
                    + " UTC unless you follow up."), x.RecycleAt);
                break;
            case CustomerRecycled x:
                yield return Due(x.PreviousOwnerId, "customer_recycled", "customer", x.CustomerId,
                    Named(x.CustomerId, "Customer %name% went back to the public pool (" + x.RuleName + ": " + x.Reason + ")."));
                break;
            case ContactTransferred { WithCustomer: false } x:
                yield return Due(x.OwnerId, ContactTransferred, "contact", x.ContactId, Named(x.ContactId, ContactTransferredText));
                break;
            case ApprovalStepStarted x:
                foreach (var approver in x.Approvers.Distinct())
                {
                    yield return Due(approver, "approval_waiting", "approval", x.SubmissionId,
                        $"{Kind(x.RecordKind)} {x.Title} waits for your approval (step {x.StepIndex + 1}: {x.StepName}).", id: Id(e.EventId, approver));
                }
                break;
            case ApprovalApproverReassigned x:
                // The new approver's inbox, as if the step had started waiting for them.
                yield return Due(x.To, "approval_waiting", "approval", x.SubmissionId,
                    $"{Kind(x.RecordKind)} {x.Title} waits for your approval (step {x.StepIndex + 1}: {x.StepName}; reassigned to you).",
                    id: Id(e.EventId, x.To));
                break;
            case ApprovalCompleted x when submissions.TryGetValue(x.SubmissionId, out var s):
                yield return Due(s.By, "approval_approved", "approval", x.SubmissionId, $"Your {s.Kind} {s.Title} was approved.");
                break;
            case ApprovalRejected x when submissions.TryGetValue(x.SubmissionId, out var s):
                yield return Due(s.By, "approval_rejected", "approval", x.SubmissionId, $"Your {s.Kind} {s.Title} was rejected: " + x.Reason);
                break;
        }
    }

    public const string ContactTransferred = "contact_transferred";

    /// <summary>The text of a contact's transfer; %name% is the contact's name then.</summary>
    public const string ContactTransferredText = "Contact %name% was transferred to you.";

    /// <summary>That text once the contact is erased.</summary>
    public static readonly string ContactTransferredErasedText = ContactTransferredText.Replace("%name%", PersonalData.Erased, StringComparison.Ordinal);

    /// <summary>
    /// A contact's or a lead's name is personal data: its erasure rewrites the record's notifications already written as a replay from the
    /// masked events writes them (any name it had is the marker now). One still queued is masked by its handler (<see cref="NotificationWriter"/>).
    /// </summary>
    private static async Task EraseAsync(ProjectionContext context, HashSet<Guid> records, string kind, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand(
            "update crm.notifications set message = @message where record_id = any(@ids) and kind = @kind");
        cmd.Parameters.Add(new NpgsqlParameter<string>("message", TransferNotices.ErasedText(kind)!));
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. records]));
        cmd.Parameters.Add(new NpgsqlParameter<string>("kind", kind));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // One event notifies several approvers: each notification's id is derived from the event's id and the approver's, the same in every replay.
    internal static Guid Id(Guid eventId, Guid userId) => new(SHA256.HashData([.. eventId.ToByteArray(), .. userId.ToByteArray()]).AsSpan(0, 16));

    private static string Kind(string kind) => kind.Length == 0 ? kind : char.ToUpperInvariant(kind[0]) + kind[1..];

    private static string? NewName(IReadOnlyList<FieldChange> changes) => changes.LastOrDefault(c => c.Field == "name")?.New;

    private static Guid? RecordOf(object data) => data switch
    {
        CustomerTransferred x => x.CustomerId, CustomerAssigned x => x.CustomerId, CustomerRecyclingWarned x => x.CustomerId,
        CustomerRecycled x => x.CustomerId, ContactTransferred x => x.ContactId, TaskReassigned x => x.TaskId,
        TaskParticipantsChanged x => x.TaskId, TaskCommentAdded x => x.TaskId, TaskCommentEdited x => x.TaskId,
        _ => TransferNotices.RecordOf(data),
    };

    private static Guid? SubmissionOf(object data) => data switch
    {
        ApprovalCompleted x => x.SubmissionId, ApprovalRejected x => x.SubmissionId, _ => null,
    };

    private static async Task<(Dictionary<Guid, string>, Dictionary<Guid, Submission>)> LoadAsync(IReadOnlyList<StoredEvent> events,
        ProjectionContext context, CancellationToken ct)
    {
        var (names, submissions) = (new Dictionary<Guid, string>(), new Dictionary<Guid, Submission>());
        var records = events.Select(e => RecordOf(e.Data)).OfType<Guid>().Distinct().ToArray();
        var asked = events.Select(e => SubmissionOf(e.Data)).OfType<Guid>().Distinct().ToArray();
        if (records.Length == 0 && asked.Length == 0) return (names, submissions);
        await using var batch = context.CreateBatch();
        var byName = new NpgsqlBatchCommand("select record_id, name from crm.notification_names where record_id = any(@ids)");
        byName.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", records));
        var bySubmission = new NpgsqlBatchCommand(
            "select submission_id, submitted_by, record_kind, title from crm.notification_submissions where submission_id = any(@ids)");
        bySubmission.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", asked));
        batch.BatchCommands.Add(byName);
        batch.BatchCommands.Add(bySubmission);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names[reader.GetGuid(0)] = reader.GetString(1);
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct)) submissions[reader.GetGuid(0)] = new Submission(reader.GetGuid(1), reader.GetString(2), reader.GetString(3));
        return (names, submissions);
    }

    private static async Task SaveAsync(ProjectionContext context, Dictionary<Guid, string> names, HashSet<Guid> renamed,
        Dictionary<Guid, Submission> submissions, HashSet<Guid> submitted, CancellationToken ct)
    {
        if (renamed.Count == 0 && submitted.Count == 0) return;
        await using var batch = context.CreateBatch();
        var upsert = new NpgsqlBatchCommand(
            """
            insert into crm.notification_names (record_id, name) select * from unnest(@ids, @names)
            on conflict (record_id) do update set name = excluded.name
            """);
        upsert.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. renamed]));
        upsert.Parameters.Add(new NpgsqlParameter<string[]>("names", [.. renamed.Select(r => names[r])]));
        var remember = new NpgsqlBatchCommand(
            """
            insert into crm.notification_submissions (submission_id, submitted_by, record_kind, title) select * from unnest(@ids, @by, @kinds, @titles)
            on conflict (submission_id) do nothing
            """);
        remember.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. submitted]));
        remember.Parameters.Add(new NpgsqlParameter<Guid[]>("by", [.. submitted.Select(s => submissions[s].By)]));
        remember.Parameters.Add(new NpgsqlParameter<string[]>("kinds", [.. submitted.Select(s => submissions[s].Kind)]));
        remember.Parameters.Add(new NpgsqlParameter<string[]>("titles", [.. submitted.Select(s => submissions[s].Title)]));
        batch.BatchCommands.Add(upsert);
        batch.BatchCommands.Add(remember);
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A replay from the start (ops/rebuild crm.notifications): the names and submissions are rebuilt from the events, and the
    /// notifications come back as the replay's messages are delivered (same ids, same texts). Read marks live apart
    /// (crm.notification_reads, inline from the inbox streams) and are kept. So are the reminders (the reminder job's, not this
    /// subscription's: their claims stay in the job's tables, so no replay would write them again).
    /// </summary>
    protected override async Task ResetStateAsync(ProjectionContext context, CancellationToken ct)
    {
        await using var cmd = context.CreateCommand(
            "truncate crm.notification_names, crm.notification_submissions; delete from crm.notifications where not (kind = any(@reminders))");
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("reminders", [.. NotificationKinds.Reminders]));
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
