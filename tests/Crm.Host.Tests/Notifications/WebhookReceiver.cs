using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Crm.Host.Tests.Notifications;

/// <summary>An HTTP receiver on a loopback port (HttpListener) that records each request and answers the next status in its script (then 200).</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<int> script;

    public sealed record Hit(string Body, string? Signature, string? Delivery, DateTimeOffset At);

    public WebhookReceiver(params int[] answers)
    {
        script = new ConcurrentQueue<int>(answers);
        Url = $"http://127.0.0.1:{SmtpSink.FreePort()}/hooks/crm/";
        listener.Prefixes.Add(Url);
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<Hit> Hits { get; } = new();

    public async Task<List<Hit>> HitsAsync(int atLeast, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (Hits.Count < atLeast && DateTime.UtcNow < deadline) await Task.Delay(50);
        return [.. Hits];
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); } catch { return; }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            Hits.Enqueue(new Hit(body, context.Request.Headers["X-Crm-Signature"], context.Request.Headers["X-Crm-Delivery"], DateTimeOffset.UtcNow));
            context.Response.StatusCode = script.TryDequeue(out var status) ? status : 200;
            context.Response.Close();
        }
    }

    public void Dispose() => listener.Close();
}
