using System.Text.Json.Nodes;
using Crm.Events;
using Crm.Events.Attachments;
using Crm.Events.Customers;
using Crm.EventStore;
using Crm.EventStore.Daemon;
using Crm.Projections.Attachments;
using Crm.Projections.Tests.Customers;
using static Crm.Projections.Tests.Customers.CustomerReadModelFixture;

namespace Crm.Projections.Tests.Attachments;

/// <summary>crm.attachments dropped and rebuilt from the (masked) events comes out identical to the rows the appends wrote.</summary>
public sealed class rebuilding_the_attachment_read_model(CustomerReadModelFixture db) : IClassFixture<CustomerReadModelFixture>
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public async Task crm_attachments_rebuilt_from_zero_equals_the_one_built_inline_erasure_included()
    {
        var owner = Guid.CreateVersion7();
        var kept = await db.GivenCustomerAsync(new CustomerFields("Kept Co."), owner);
        var erased = await db.GivenCustomerAsync(new CustomerFields("Erased Co."), owner);
        var (a, b, c, d) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await db.AppendAsync(kept, "customer", Added(a, kept, "offer.pdf"), Added(b, kept, "logo.png"), new AttachmentRemoved(b, kept, "customer", Day0));
        await db.AppendAsync(erased, "customer", Added(c, erased, "Zhang Wei ID card.png"));
        await EraseAsync(erased);
        // Attached after the erasure: new data, kept until the next erasure.
        await db.Store.AppendAsync(new StreamAppend(erased, "customer", ExpectedVersion.Exactly(3), [Added(d, erased, "after.pdf")]));

        var before = await SnapshotAsync(kept, erased);
        Assert.Equal(3, before.Count);
        Assert.Contains(before, r => r.Contains("\"file_name\":\"[erased]\"", StringComparison.Ordinal));
        Assert.Contains(before, r => r.Contains("\"file_name\":\"after.pdf\"", StringComparison.Ordinal));
        Assert.DoesNotContain(before, r => r.Contains("logo.png", StringComparison.Ordinal));

        var projection = CrmProjections.Inline().Single(p => p.Name == "crm.attachments");
        await using var daemon = new ProjectionDaemon(db.Store, [projection], new DaemonOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        await daemon.StartAsync();
        await daemon.RebuildAsync(projection.Name);
        await daemon.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        await daemon.StopAsync();
        Assert.Equal(before, await SnapshotAsync(kept, erased));
    }

    [Fact]
    public async Task a_record_lists_its_live_attachments_oldest_first_and_a_replay_finds_one_by_version()
    {
        var customer = await db.GivenCustomerAsync(new CustomerFields("Listed Co."), Guid.CreateVersion7());
        var (first, second) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await db.AppendAsync(customer, "customer", Added(first, customer, "1.pdf"), Added(second, customer, "2.pdf") with { At = Day0.AddHours(1) });
        var queries = new AttachmentQueries(db.Database.DataSource);

        Assert.Equal([first, second], (await queries.OfRecordAsync(customer)).Select(r => r.Id));
        Assert.Equal(second, (await queries.AtVersionAsync(customer, 3))?.Id);
        Assert.Null(await queries.AtVersionAsync(customer, 1));
    }

    [Fact]
    public async Task a_sweep_deletes_the_bytes_no_attachment_names_and_keeps_the_rest()
    {
        var customer = await db.GivenCustomerAsync(new CustomerFields("Swept Co."), Guid.CreateVersion7());
        var (kept, gone) = (System.Text.Encoding.UTF8.GetBytes("kept " + Guid.NewGuid()), System.Text.Encoding.UTF8.GetBytes("gone " + Guid.NewGuid()));
        var (keptSha, goneSha) = (System.Security.Cryptography.SHA256.HashData(kept), System.Security.Cryptography.SHA256.HashData(gone));
        var (a, b) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await db.Store.AppendAsync(new StreamAppend(customer, "customer", ExpectedVersion.Exactly(1),
            [Added(a, customer, "kept.txt") with { Sha256 = Convert.ToHexStringLower(keptSha) }]), new AppendOptions { Guard = AttachmentBlobs.Storing(keptSha, kept) });
        await db.Store.AppendAsync(new StreamAppend(customer, "customer", ExpectedVersion.Exactly(2),
            [Added(b, customer, "gone.txt") with { Sha256 = Convert.ToHexStringLower(goneSha) }]), new AppendOptions { Guard = AttachmentBlobs.Storing(goneSha, gone) });
        await db.Store.AppendAsync(new StreamAppend(customer, "customer", ExpectedVersion.Exactly(3), [new AttachmentRemoved(b, customer, "customer", Day0)]));
        var blobs = new AttachmentBlobs(db.Database.DataSource);
        string[] both = [Convert.ToHexStringLower(keptSha), Convert.ToHexStringLower(goneSha)];
        Assert.Equal(2, await blobs.CountAsync(both, default));

        Assert.True(await blobs.SweepAsync(default) >= 1);

        Assert.Equal(1, await blobs.CountAsync(both, default));
        using var copy = new MemoryStream();
        Assert.True(await blobs.CopyToAsync(both[0], copy, default));
        Assert.Equal(kept, copy.ToArray());
        Assert.False(await blobs.CopyToAsync(both[1], Stream.Null, default));
    }

    private static AttachmentAdded Added(Guid id, Guid record, string name) =>
        new(id, record, "customer", name, "application/pdf", 10, Sha, null, Day0);

    /// <summary>The erasure as the write side carries it out: the earlier events' file names masked in the erasure's append.</summary>
    private Task EraseAsync(Guid customer) => db.Store.AppendAsync(
        new StreamAppend(customer, "customer", ExpectedVersion.Exactly(2), [new CustomerPersonalDataErased(customer, "request", ["phone"], Day0)]),
        new AppendOptions
        {
            Erasure = new StreamErasure(customer, ["phone"], e =>
            {
                if (e.EventType != "attachment.added") return null;
                var data = JsonNode.Parse(e.Data)!.AsObject();
                data["fileName"] = PersonalData.Erased;
                return data.ToJsonString();
            }),
        });

    private async Task<List<string>> SnapshotAsync(params Guid[] records)
    {
        await using var cmd = db.Database.DataSource.CreateCommand(
            "select row_to_json(t)::text from crm.attachments t where record_id = any(@records) order by row_to_json(t)::text");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<Guid[]>("records", records));
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
