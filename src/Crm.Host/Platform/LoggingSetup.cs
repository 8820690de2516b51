namespace Crm.Host.Platform;

public static class LoggingSetup
{
    /// <summary>One JSON object per line on stdout, with scopes (request and correlation ids), for log shippers.</summary>
    public static WebApplicationBuilder AddCrmLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        return builder;
    }
}
