using Crm.EventStore.Subscriptions;
using Crm.Host.Notifications;
using Crm.Host.Platform;
using Crm.Projections.Notifications;
using JasperFx.CodeGeneration;
using JasperFx.Core;
using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;

namespace Crm.Host.Outbox;

/// <summary>
/// Wolverine in the host: the durable outbox and queues of the subscriptions (docs/event-store.md, "Subscriptions"). Its tables live in
/// the schema <see cref="Schema"/> of the CRM's own database and are created (or brought up to date) by Wolverine at start-up, not by our
/// migrations: their shape is Wolverine's, and follows its version. Handlers are registered explicitly (no scanning) and their adapter code is
/// pre-generated (src/Crm.Host/Internal/Generated, written by <c>ops/codegen</c>): the host never runs Roslyn.
/// </summary>
public static class OutboxSetup
{
    public const string Schema = "wolverine";

    /// <summary>The durable local queue of the in-app notifications.</summary>
    public const string NotificationsQueue = "notifications";

    /// <summary>The durable local queue of e-mail and webhook deliveries (each retried on its own, apart from the in-app rows).</summary>
    public const string ChannelsQueue = "notification-channels";

    /// <summary>The durable local queue of the workflow runs (SET-3).</summary>
    public const string WorkflowsQueue = "workflows";
    /// <summary>The durable local queue of the integration webhooks' deliveries (SET-5; their retries are the handler's own).</summary>
    public const string WebhooksQueue = "webhooks";

    /// <summary>Configuration key: the e-mail and webhook channels' retry delays in seconds, comma-separated (then a dead letter).</summary>
    public const string ChannelRetryKey = "Crm:Notifications:ChannelRetrySeconds";

    /// <summary>
    /// Configuration key: true runs the host without Wolverine and without subscriptions (no notification is delivered). For measuring
    /// Wolverine's cost beside the same host (ops/bench --only outbox), never for serving.
    /// </summary>
    public const string DisabledKey = "Crm:Outbox:Disabled";

    public static IHostApplicationBuilder AddCrmOutbox(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>(DisabledKey)) return builder;
        builder.Services.AddSingleton<WolverineOutbox>();
        builder.Services.AddSingleton<ISubscriptionOutbox>(sp => sp.GetRequiredService<WolverineOutbox>());
        builder.Services.AddSingleton<OutboxStatus>();
        builder.Services.AddSingleton<NotificationWriter>();
        builder.Services.AddSingleton<NotificationDeliveries>();
        builder.Services.AddSingleton<WebhookClient>();
        var retries = (builder.Configuration[ChannelRetryKey] ?? "5,30,120,600,1800")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(v => TimeSpan.FromSeconds(double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        // Wolverine's store on a data source of its own, with the host's connection settings (idle-in-transaction timeout …).
        var database = DatabaseSetup.Builder(DatabaseSetup.ConnectionString(builder.Configuration)).Build();
        builder.Services.AddWolverine(ExtensionDiscovery.ManualOnly, opts =>
        {
            Configure(opts, retries);
            opts.PersistMessagesWithPostgresql(database, Schema);
            opts.AutoBuildMessageStorageOnStartup = JasperFx.AutoCreate.CreateOrUpdate;
        });
        return builder;
    }

    /// <summary>Starts Wolverine alone (an operator verb that does not serve): disposing the answer stops it.</summary>
    public static async Task<IAsyncDisposable> StartForVerbAsync(IServiceProvider services, CancellationToken ct)
    {
        var runtime = services.GetServices<IHostedService>().OfType<Wolverine.Runtime.IWolverineRuntime>().Cast<IHostedService>().SingleOrDefault();
        if (runtime is null) return new Stopping(null);
        await runtime.StartAsync(ct);
        return new Stopping(runtime);
    }

    private sealed class Stopping(IHostedService? runtime) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (runtime is not null) await runtime.StopAsync(CancellationToken.None);
        }
    }

    private static void Configure(WolverineOptions opts, TimeSpan[] channelRetries)
    {
        opts.ServiceName = "crm";
        opts.ApplicationAssembly = typeof(OutboxSetup).Assembly;
        opts.Discovery.DisableConventionalDiscovery().IncludeType(typeof(NotificationDeliveryHandler))
            .IncludeType(typeof(NotificationMailer)).IncludeType(typeof(NotificationWebhookSender)).IncludeType(typeof(Workflows.WorkflowRunHandler))
            .IncludeType(typeof(Integrations.WebhookDeliveryHandler));
        opts.CodeGeneration.TypeLoadMode = Codegen.Writing ? TypeLoadMode.Dynamic : TypeLoadMode.Static;
        Codegen.Configure(opts);

        opts.PublishMessage<NotificationDue>().ToLocalQueue(NotificationsQueue);
        // Notifications need no order among themselves (each is its own row): several at once, the handler's round trip overlapping.
        opts.LocalQueue(NotificationsQueue).UseDurableInbox().MaximumParallelMessages(16);
        // E-mail and webhooks wait on other servers: their own queue, so a slow receiver never holds the in-app rows back.
        opts.PublishMessage<NotificationEmailDue>().ToLocalQueue(ChannelsQueue);
        opts.PublishMessage<NotificationWebhookDue>().ToLocalQueue(ChannelsQueue);
        opts.LocalQueue(ChannelsQueue).UseDurableInbox().MaximumParallelMessages(8);
        // Workflow runs (docs/workflows.md): their own queue, so a slow webhook or a long chain of actions never holds notifications back.
        opts.PublishMessage<Projections.Workflows.WorkflowTriggered>().ToLocalQueue(WorkflowsQueue);
        opts.LocalQueue(WorkflowsQueue).UseDurableInbox().MaximumParallelMessages(4);
        opts.PublishMessage<Crm.Projections.Integrations.WebhookDeliveryDue>().ToLocalQueue(WebhooksQueue);
        opts.LocalQueue(WebhooksQueue).UseDurableInbox().MaximumParallelMessages(8);

        // At least once: a transient database failure is retried at once, then later with growing delays (the message waits in the
        // inbox, across restarts); anything else — the message or the code is wrong — twice more, then it is a dead letter
        // (wolverine.wolverine_dead_letters) for an administrator to see and replay once fixed.
        // A channel's receiver refused or was away: later, on the channel's schedule (scheduled in the durable inbox: it survives a
        // restart and fires on one host), then a dead letter for an administrator (GET /api/admin/outbox).
        opts.Policies.OnException<ChannelDeliveryException>().ScheduleRetry(channelRetries).Then.MoveToErrorQueue();
        opts.Policies.OnException<NpgsqlException>(e => e.IsTransient).RetryWithCooldown(100.Milliseconds(), 1.Seconds(), 5.Seconds())
            .Then.ScheduleRetry(30.Seconds(), 2.Minutes(), 10.Minutes());
        opts.Policies.OnAnyException().RetryWithCooldown(100.Milliseconds(), 1.Seconds()).Then.MoveToErrorQueue();
    }
}
