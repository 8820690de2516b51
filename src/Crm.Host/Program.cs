using Crm.Host.Attachments;
using Crm.Host.Approvals;
using Crm.Host.Audit;
using Crm.Host.Access;
using Crm.Host.Auth;
using Crm.Host.Briefing;
using Crm.Host.Contacts;
using Crm.Host.Contracts;
using Crm.Host.Customers;
using Crm.Host.CustomFields;
using Crm.Host.Daemon;
using Crm.Host.Dashboard;
using Crm.Host.Funnel;
using Crm.Host.DataSync;
using Crm.Host.Integrations;
using Crm.Host.Invoices;
using Crm.Host.Leads;
using Crm.Host.Notifications;
using Crm.Host.Opportunities;
using Crm.Host.Tasks;
using Crm.Host.Calendar;
using Crm.Host.Outbox;
using Crm.Host.Payments;
using Crm.Host.Pipelines;
using Crm.Host.Scenes;
using Crm.Host.Workflows;
using Crm.Host.Org;
using Crm.Host.Platform;
using Crm.Host.Pool;
using Crm.Host.RecordCare;
using Crm.Host.Reports;
using Crm.Host.Products;
using Crm.Host.Settings;
using Crm.Host.Classification;
using Crm.Host.Targets;

// "rebuild ..." (ops/rebuild) runs the operator verb instead of serving: see RebuildCommand.
string[]? rebuildArgs = args is [RebuildCommand.Verb, ..] ? args[1..] : null;
// "codegen write" (ops/codegen) writes Wolverine's handler adapters: see Outbox/Codegen.cs.
var codegen = args is ["codegen", ..];
var builder = WebApplication.CreateBuilder(rebuildArgs is null && !codegen ? args : []);
builder.AddCrmLogging();
if (rebuildArgs is not null) builder.Configuration["Logging:LogLevel:Default"] = "Warning"; // the verb prints its own progress
builder.Services.AddCrmDatabase();
builder.Services.AddCrmProblemDetails();
builder.Services.AddCrmHealthChecks();
builder.Services.AddCrmOpenApi();
builder.Services.AddCrmCors(builder.Configuration);
builder.Services.AddCrmAccess();
builder.Services.AddCrmAuth();
builder.Services.AddOrg();
builder.AddCrmOutbox();
builder.Services.AddProjectionDaemon();
builder.Services.AddLeads();
builder.Services.AddScenes();
builder.Services.AddBriefing();
builder.Services.AddCustomers();
builder.Services.AddRecordCare();
builder.Services.AddProducts();
builder.Services.AddContacts();
builder.Services.AddPool();
builder.Services.AddNotifications();
builder.Services.AddSettings();
builder.Services.AddCustomerClasses();
builder.Services.AddOpportunities();
builder.Services.AddContracts();
builder.Services.AddPayments();
builder.Services.AddPipelines();
builder.Services.AddFunnel();
builder.Services.AddDashboard();
builder.Services.AddApprovals();
builder.Services.AddInvoices();
builder.Services.AddTargets();
builder.Services.AddTasks();
builder.Services.AddCalendar();
builder.Services.AddAttachments();
builder.Services.AddAccessAsOf();
builder.Services.AddReports();
builder.Services.AddDataSync();
builder.Services.AddWorkflows();
builder.Services.AddIntegrations();
builder.Services.AddCustomFields();

var app = builder.Build();
app.UseRequestIds();
app.UseCrmCors();
app.UseCrmProblemDetails();
app.UseCrmInputChecks();
app.UseCrmAuth();
app.MapCrmHealth();
app.MapCrmDocs();
app.MapOrg();
app.MapAuthApi();
app.MapSettings();
app.MapCustomerClasses();
app.MapLeads();
app.MapScenes();
app.MapCustomerImportApi();
app.MapCustomerExportApi();
app.MapBriefing();
app.MapCustomers();
app.MapRecordCare();
app.MapProducts();
app.MapContacts();
app.MapPool();
app.MapNotifications();
app.MapOpportunities();
app.MapContracts();
app.MapPayments();
app.MapPipelines();
app.MapFunnel();
app.MapDashboard();
app.MapApprovals();
app.MapInvoices();
app.MapTargets();
app.MapDataSync();
app.MapTasks();
app.MapCalendar();
app.MapAttachments();
app.MapReports();
app.MapWorkflows();
app.MapCustomFields();
app.MapProjectionAdminApi();
app.MapOutboxAdminApi();
app.MapAuditFeedApi();
app.MapIntegrations();
app.MapAccessAsOfApi();

if (codegen)
{
    Environment.ExitCode = await JasperFx.CommandLineHostingExtensions.RunJasperFxCommands(app, args);
    return;
}
await app.MigrateCrmDatabaseAsync();
if (rebuildArgs is not null)
{
    using var interrupted = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; interrupted.Cancel(); };
    // A subscription replayed here hands its messages to this process's Wolverine (which delivers them while the verb runs and
    // leaves the rest to a running host's when it stops): only Wolverine starts, not the web host.
    await using var outbox = await OutboxSetup.StartForVerbAsync(app.Services, interrupted.Token);
    Environment.ExitCode = await RebuildCommand.RunAsync(app.Services.GetRequiredService<Crm.EventStore.Daemon.ProjectionDaemon>(), rebuildArgs,
        Console.Out, interrupted.Token);
    return;
}
await app.CreateDefaultDepartmentAsync();
await app.CreateFirstSuperAdminAsync();
await app.CreateStandardPipelineAsync();
await app.PrepareSigningKeysAsync();
await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the host tests.</summary>
public partial class Program;
