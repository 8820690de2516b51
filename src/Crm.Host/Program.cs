using Crm.Host.Access;
using Crm.Host.Daemon;
using Crm.Host.Org;
using Crm.Host.Platform;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrmLogging();
builder.Services.AddCrmDatabase();
builder.Services.AddCrmProblemDetails();
builder.Services.AddCrmHealthChecks();
builder.Services.AddCrmOpenApi();
builder.Services.AddSingleton<DepartmentCommands>();
builder.Services.AddCrmAccess();
builder.Services.AddProjectionDaemon();

var app = builder.Build();
app.UseRequestIds();
app.UseCrmProblemDetails();
app.MapCrmHealth();
app.MapCrmDocs();
app.MapDepartmentsApi();
app.MapRolesApi();
app.MapPermissionsApi();

await app.MigrateCrmDatabaseAsync();
await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the host tests.</summary>
public partial class Program;
