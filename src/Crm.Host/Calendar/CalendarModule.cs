using Crm.Host.Tasks;
using Crm.Projections.Calendar;
using Crm.Projections.Contracts;
using Crm.Write.Access;
using Crm.Write.Calendar;
using Crm.Write.Tasks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Calendar;

/// <summary>The schedule (WORK-3): services and routes, registered by Program in one pair of calls; its reminders are a reminder source.</summary>
public static class CalendarModule
{
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        services.TryAddSingleton<CalendarQueries>();
        services.TryAddSingleton<CalendarEventReach>();
        services.AddRelatedRecords();
        services.TryAddSingleton<CalendarEventHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder app)
    {
        app.MapCalendarApi();
        return app;
    }
}
