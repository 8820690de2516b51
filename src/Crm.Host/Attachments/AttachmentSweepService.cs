using Crm.Host.Platform;
using Crm.Projections.Attachments;

namespace Crm.Host.Attachments;

/// <summary>
/// Deletes the attachment contents no attachment names any more (<see cref="AttachmentBlobs.SweepAsync"/>): what a deleted attachment —
/// a person's ID card after an erasure request, say — leaves in crm.attachment_blobs goes within <c>Crm:Attachments:SweepIntervalMinutes</c>
/// (60). Every host runs the job, one leads (<see cref="LeaderJob"/>); the sweep's per-content lock keeps an upload in flight safe.
/// </summary>
public sealed class AttachmentSweepService(
    LeadershipDataSource leaders, AttachmentBlobs blobs, TimeProvider clock, IConfiguration configuration, ILogger<AttachmentSweepService> logger)
    : LeaderJob(leaders, clock, logger)
{
    protected override string LockName => "crm.attachment-sweep";

    protected override TimeSpan Interval { get; } = TimeSpan.FromMinutes(configuration.GetValue("Crm:Attachments:SweepIntervalMinutes", 60.0));

    protected override TimeSpan LeaderRetry { get; } = TimeSpan.FromSeconds(configuration.GetValue("Crm:Attachments:LeaderRetrySeconds", 30.0));

    protected override bool Enabled { get; } = configuration.GetValue("Crm:Attachments:SweepEnabled", true);

    /// <summary>One sweep; answers how many contents were deleted.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct, Func<CancellationToken, Task>? stillLeading = null)
    {
        if (stillLeading is not null) await stillLeading(ct);
        return await blobs.SweepAsync(ct);
    }
}
