using System.Security.Cryptography;
using Crm.Host.Attachments;
using Crm.Host.Tests.Customers;
using Crm.Host.Tests.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using static Crm.Host.Tests.Attachments.AttachmentApi;

namespace Crm.Host.Tests.Attachments;

/// <summary>The sweep job: a deleted attachment's bytes leave crm.attachment_blobs once no attachment names them; shared ones stay.</summary>
public sealed class sweeping_attachment_contents(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task the_scheduled_sweep_deletes_the_bytes_of_a_deleted_attachment_and_keeps_bytes_another_attachment_names()
    {
        var job = host.Services.GetRequiredService<AttachmentSweepService>();
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => ReferenceEquals(s, job));
        // The hosted job leads and sweeps once at start (then hourly): wait for that run, so it does not race the one below.
        for (var waited = 0; job.CompletedRuns == 0 && waited < 300; waited++) await Task.Delay(100);
        Assert.True(job.CompletedRuns >= 1, "the hosted job leads and has run since the host started");
        var (alone, shared) = (Pdf(), Pdf());
        var customer = $"/api/customers/{(await host.Admin.CreateCustomerAsync()).Id()}";
        var other = $"/api/customers/{(await host.Admin.CreateCustomerAsync()).Id()}";
        var gone = await host.Admin.UploadAsync(customer, alone, "id-card.pdf");
        var sharedHere = await host.Admin.UploadAsync(customer, shared, "offer.pdf");
        await host.Admin.UploadAsync(other, shared, "offer-copy.pdf");
        await host.Admin.SendAsync("DELETE", gone.Route(), status: 204);
        await host.Admin.SendAsync("DELETE", sharedHere.Route(), status: 204);
        Assert.True(await StoredAsync(alone));

        Assert.True(await job.RunOnceAsync(CancellationToken.None) >= 1);
        Assert.False(await StoredAsync(alone));
        Assert.True(await StoredAsync(shared));
        Assert.Equal(0, await job.RunOnceAsync(CancellationToken.None));
    }

    private async Task<bool> StoredAsync(byte[] content)
    {
        await using var cmd = host.Database.DataSource.CreateCommand("select exists (select 1 from crm.attachment_blobs where sha256 = @sha)");
        cmd.Parameters.Add(new NpgsqlParameter<byte[]>("sha", SHA256.HashData(content)));
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }
}
