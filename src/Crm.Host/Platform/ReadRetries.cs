using System.Runtime.ExceptionServices;
using Polly;

namespace Crm.Host.Platform;

/// <summary>
/// Every read request (GET, HEAD) runs under the one read-retry policy (<see cref="DatabaseRetry.Requests"/>):
/// a transient database fault anywhere in it (the caller's access, the query, a history fold) runs the
/// request again, as long as nothing of the answer was sent. Reads change nothing, so running one again is
/// safe; writes are never re-run here (a lost commit acknowledgement would write twice).
/// </summary>
public static class ReadRetries
{
    public static WebApplication UseReadRetries(this WebApplication app)
    {
        var pipeline = app.Services.GetRequiredService<DatabaseRetry>().Requests;
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }
            try
            {
                await pipeline.ExecuteAsync(async _ =>
                {
                    // Reads inside this request leave their retries to this one (nested retries would multiply).
                    DatabaseRetry.MarkRequestRetrying();
                    try { await next(context); }
                    catch (Exception e) when (context.Response.HasStarted) { throw new AnswerStarted(e); }
                }, context.RequestAborted);
            }
            catch (AnswerStarted started)
            {
                ExceptionDispatchInfo.Throw(started.InnerException!);
            }
        });
        return app;
    }

    /// <summary>A fault after the first byte went out: never retried (the answer cannot be taken back).</summary>
    internal sealed class AnswerStarted(Exception inner) : Exception("The answer had started when the fault came.", inner);
}
