using System.Security.Cryptography;
using Crm.Events.Approvals;
using Crm.EventStore;
using Npgsql;

namespace Crm.Projections.Notifications;

/// <summary>
/// The approval engine's notifications (SAL-4), for <see cref="NotificationsProjection"/>: every approver of a step when it starts
/// waiting for them and an approver a waiting step is reassigned to (approval_waiting), the submitter when the submission is approved or
/// rejected. Derived from the submission's events alone (its submitter and title kept in crm.notification_submissions), so a rebuild writes the same rows.
/// </summary>
internal static class ApprovalNotices
{
    public static readonly Type[] EventTypes =
        [typeof(ApprovalSubmitted), typeof(ApprovalStepStarted), typeof(ApprovalCompleted), typeof(ApprovalRejected), typeof(ApprovalApproverReassigned)];

    public const string Tables = "crm.notification_submissions";

    /// <summary>Adds the event's statements; false when the event is not an approval event.</summary>
    public static bool Project(StoredEvent e, NpgsqlBatch batch)
    {
        switch (e.Data)
        {
            case ApprovalSubmitted x:
                batch.BatchCommands.Add(Remember(x));
                return true;
            case ApprovalStepStarted x:
                foreach (var approver in x.Approvers.Distinct())
                {
                    batch.BatchCommands.Add(Insert(e, Id(e.EventId, approver), approver, "approval_waiting", x.SubmissionId,
                        $"{Kind(x.RecordKind)} {x.Title} waits for your approval (step {x.StepIndex + 1}: {x.StepName})."));
                }
                return true;
            case ApprovalApproverReassigned x:
                // The new approver's inbox, as if the step had started waiting for them.
                batch.BatchCommands.Add(Insert(e, Id(e.EventId, x.To), x.To, "approval_waiting", x.SubmissionId,
                    $"{Kind(x.RecordKind)} {x.Title} waits for your approval (step {x.StepIndex + 1}: {x.StepName}; reassigned to you)."));
                return true;
            case ApprovalCompleted x:
                batch.BatchCommands.Add(ToSubmitter(e, "approval_approved", x.SubmissionId, "Your %kind% %title% was approved."));
                return true;
            case ApprovalRejected x:
                batch.BatchCommands.Add(ToSubmitter(e, "approval_rejected", x.SubmissionId, "Your %kind% %title% was rejected: " + x.Reason));
                return true;
            default:
                return false;
        }
    }

    // One event notifies several approvers: each row's id is derived from the event's id and the approver's, the same in every rebuild.
    private static Guid Id(Guid eventId, Guid userId) => new(SHA256.HashData([.. eventId.ToByteArray(), .. userId.ToByteArray()]).AsSpan(0, 16));

    private static string Kind(string kind) => kind.Length == 0 ? kind : char.ToUpperInvariant(kind[0]) + kind[1..];

    private static NpgsqlBatchCommand Remember(ApprovalSubmitted x)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into crm.notification_submissions (submission_id, submitted_by, record_kind, title) values (@id, @by, @kind, @title)
            on conflict (submission_id) do nothing
            """);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", x.SubmissionId));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("by", x.SubmittedBy));
        cmd.Parameters.Add(new NpgsqlParameter<string>("kind", x.RecordKind));
        cmd.Parameters.Add(new NpgsqlParameter<string>("title", x.Title));
        return cmd;
    }

    private static NpgsqlBatchCommand Insert(StoredEvent e, Guid id, Guid user, string kind, Guid submission, string message)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into crm.notifications (id, user_id, kind, record_type, record_id, message, due_at, actor_id, created_at)
            values (@id, @user, @kind, 'approval', @record, @message, null, @actor, @at)
            on conflict (id) do nothing
            """);
        Common(cmd, e, id, kind, submission, message);
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("user", user));
        return cmd;
    }

    private static NpgsqlBatchCommand ToSubmitter(StoredEvent e, string kind, Guid submission, string message)
    {
        var cmd = new NpgsqlBatchCommand(
            """
            insert into crm.notifications (id, user_id, kind, record_type, record_id, message, due_at, actor_id, created_at)
            select @id, s.submitted_by, @kind, 'approval', @record,
                   replace(replace(@message, '%kind%', s.record_kind), '%title%', s.title), null, @actor, @at
            from crm.notification_submissions s where s.submission_id = @record
            on conflict (id) do nothing
            """);
        Common(cmd, e, e.EventId, kind, submission, message);
        return cmd;
    }

    private static void Common(NpgsqlBatchCommand cmd, StoredEvent e, Guid id, string kind, Guid submission, string message)
    {
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        cmd.Parameters.Add(new NpgsqlParameter<string>("kind", kind));
        cmd.Parameters.Add(new NpgsqlParameter<Guid>("record", submission));
        cmd.Parameters.Add(new NpgsqlParameter<string>("message", message));
        cmd.Parameters.Add(new NpgsqlParameter("actor", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)e.Metadata.ActorId ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", e.Timestamp));
    }
}
