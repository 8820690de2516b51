using Crm.Projections.Notifications;
using Crm.Write.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Notifications;

/// <summary>The notifications module (WORK-4): its services and its routes, registered by Program in one pair of calls.</summary>
public static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.TryAddSingleton<NotificationQueries>();
        services.TryAddSingleton<NotificationHandler>();
        services.TryAddSingleton<InboxSignals>();
        services.TryAddSingleton<InboxHub>();
        services.TryAddSingleton(sp => SmtpSettings.Read(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(sp => new NotificationDeliverySettings(sp.GetRequiredService<SmtpSettings>().Configured,
            sp.GetRequiredService<IConfiguration>().GetValue<bool>("Crm:Webhooks:AllowPrivateNetworks"),
            TimeSpan.FromHours(sp.GetRequiredService<IConfiguration>().GetValue("Crm:Notifications:ChannelMaxAgeHours", 24.0))));
        services.TryAddSingleton<NotificationPreferencesReader>();
        services.TryAddSingleton<NotificationPreferencesHandler>();
        services.AddSingleton<IReminderSource, Crm.Projections.Payments.PaymentReminders>();
        services.AddSingleton<IReminderSource, Crm.Projections.Tasks.TaskDueReminders>();
        services.AddSingleton<IReminderSource>(sp => new Crm.Projections.Tasks.TaskOverdueReminders(
            TimeSpan.FromHours(sp.GetRequiredService<IConfiguration>().GetValue("Crm:Reminders:OverdueAfterHours", 24.0))));
        services.AddSingleton<IReminderSource, Crm.Projections.Calendar.CalendarReminders>();
        services.TryAddSingleton<ReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderService>());
        return services;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        app.MapNotificationsApi();
        app.MapNotificationPreferencesApi();
        return app;
    }
}
