using Crm.Events.Org;
using Crm.EventStore;

namespace Crm.Host.Org;

/// <summary>
/// The default top-level department "Office" (办公室, ORG-1), created once at first start. Its id is
/// fixed and it is appended with "no stream yet", so when several hosts start at once exactly one
/// append wins and the others see a conflict and move on; once it exists (renamed, or even deleted
/// when empty) it is never created again, because its stream exists.
/// </summary>
public static partial class DefaultDepartment
{
    /// <summary>The Office department's id, the same in every installation.</summary>
    public static readonly Guid OfficeId = new("0190f1c0-0000-7000-8000-000000000001");

    public const string OfficeName = "Office";

    /// <returns>True when this call created it.</returns>
    public static async Task<bool> EnsureAsync(EventStore.EventStore store, CancellationToken ct)
    {
        try
        {
            await store.AppendAsync(new StreamAppend(OfficeId, Write.Org.Department.StreamType, ExpectedVersion.NoStream,
                [new DepartmentCreated(OfficeId, OfficeName, null)]), null, ct);
            return true;
        }
        catch (ConcurrencyException)
        {
            return false;
        }
    }

    public static async Task CreateDefaultDepartmentAsync(this WebApplication app)
    {
        if (await EnsureAsync(app.Services.GetRequiredService<EventStore.EventStore>(), app.Lifetime.ApplicationStopping)) Created(app.Logger, OfficeId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Default department Office created ({DepartmentId})")]
    private static partial void Created(ILogger logger, Guid departmentId);
}
