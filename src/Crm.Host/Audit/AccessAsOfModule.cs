using Crm.Write.Audit;

namespace Crm.Host.Audit;

public static class AccessAsOfModule
{
    /// <summary>"Who could see a record at a moment, and why": the record folds and the org fold, both from events.</summary>
    public static IServiceCollection AddAccessAsOf(this IServiceCollection services)
    {
        services.AddSingleton<RecordsAsOf>();
        services.AddSingleton<AccessAsOf>();
        return services;
    }
}
