using Crm.Host.Access;
using Crm.Host.Settings;
using Crm.Projections.Attachments;
using Crm.Write.Attachments;

namespace Crm.Host.Attachments;

/// <summary>What every attachment endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct AttachmentServices(
    HttpContext Http, CallerAccess Caller, AttachmentHandler Handler, AttachmentQueries Attachments, AttachmentBlobs Blobs,
    SettingsReader Settings, IServiceProvider Services, CancellationToken Ct);
