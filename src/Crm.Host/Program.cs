using Crm.Host.Access;
using Crm.Host.Auth;
using Crm.Host.Briefing;
using Crm.Host.Contacts;
using Crm.Host.Customers;
using Crm.Host.Daemon;
using Crm.Host.Leads;
using Crm.Host.Scenes;
using Crm.Host.Org;
using Crm.Host.Platform;
using Crm.Host.Pool;
using Crm.Host.Settings;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrmLogging();
builder.Services.AddCrmDatabase();
builder.Services.AddCrmProblemDetails();
builder.Services.AddCrmHealthChecks();
builder.Services.AddCrmOpenApi();
builder.Services.AddCrmCors(builder.Configuration);
builder.Services.AddCrmAccess();
builder.Services.AddCrmAuth();
builder.Services.AddOrg();
builder.Services.AddProjectionDaemon();
builder.Services.AddLeads();
builder.Services.AddCrmScenes();
builder.Services.AddCrmBriefing();
builder.Services.AddCustomers();
builder.Services.AddContacts();
builder.Services.AddPool();

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
app.MapSettingsApi();
app.MapLeads();
app.MapScenesApi();
app.MapCustomerImportApi();
app.MapCustomerExportApi();
app.MapBriefingApi();
app.MapCustomers();
app.MapContacts();
app.MapPool();

await app.MigrateCrmDatabaseAsync();
await app.CreateDefaultDepartmentAsync();
await app.CreateFirstSuperAdminAsync();
await app.PrepareSigningKeysAsync();
await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the host tests.</summary>
public partial class Program;
