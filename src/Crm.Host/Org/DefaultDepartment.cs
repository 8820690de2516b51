using Crm.Write.Org;

namespace Crm.Host.Org;

/// <summary>The default top-level department "Office" (办公室, ORG-1), created once at first start through the department handler.</summary>
public static partial class DefaultDepartment
{
    /// <summary>The Office department's id, the same in every installation.</summary>
    public static Guid OfficeId => DepartmentHandler.OfficeId;

    /// <returns>True when this call created it (see <see cref="DepartmentHandler.EnsureOfficeAsync"/>).</returns>
    public static Task<bool> EnsureAsync(DepartmentHandler departments, CancellationToken ct) => departments.EnsureOfficeAsync(ct);

    public static async Task CreateDefaultDepartmentAsync(this WebApplication app)
    {
        if (await EnsureAsync(app.Services.GetRequiredService<DepartmentHandler>(), app.Lifetime.ApplicationStopping)) Created(app.Logger, OfficeId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Default department Office created ({DepartmentId})")]
    private static partial void Created(ILogger logger, Guid departmentId);
}
