using Crm.EventStore.Daemon;
using Crm.Host.Daemon;
using Crm.Host.Tests.Leads;
using Crm.Projections.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Crm.Host.Tests.Platform;

/// <summary>The host's "rebuild" verb behind ops/rebuild, driven against a running host (whose daemon leads and carries it out).</summary>
public sealed class rebuilding_from_the_command_line(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly string DailyCounts = new DailyCountsProjection().Name;

    private ProjectionDaemon Daemon => host.Services.GetRequiredService<ProjectionDaemon>();

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var code = await RebuildCommand.RunAsync(Daemon, args, output, CancellationToken.None, TimeSpan.FromMilliseconds(20));
        return (code, output.ToString());
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("--bogus")]
    [InlineData("no.such.model")]
    [InlineData("--all", "--list")]
    public async Task bad_usage_prints_the_usage_and_exits_2_rebuilding_nothing(params string[] args)
    {
        var before = await RebuildsAsync();
        var (code, output) = await RunAsync(args);
        Assert.Equal(2, code);
        Assert.Contains(RebuildCommand.Usage, output);
        Assert.Equal(before, await RebuildsAsync());
    }

    [Fact]
    public async Task list_prints_each_read_model_with_its_state()
    {
        var (code, output) = await RunAsync("--list");
        Assert.Equal(0, code);
        Assert.All(Daemon.ProjectionNames, name => Assert.Contains($"{name}: ", output));
    }

    [Fact]
    public async Task a_named_read_model_is_rebuilt_by_the_leader_and_the_verb_waits_for_it()
    {
        await host.Admin.CreateLeadAsync();
        await host.CaughtUpAsync();
        var before = await RebuildsAsync();

        var (code, output) = await RunAsync(DailyCounts);

        Assert.Equal(0, code);
        Assert.Equal(before + 1, await RebuildsAsync());
        Assert.Contains($"{DailyCounts}: running", output);
    }

    [Fact]
    public async Task an_inline_read_model_is_rebuilt_blue_green_and_the_verb_says_so()
    {
        await host.Admin.CreateLeadAsync();
        await using var count = host.Database.DataSource.CreateCommand("select count(*) from crm.leads");
        var leads = (long)(await count.ExecuteScalarAsync())!;

        var (code, output) = await RunAsync("crm.leads");

        Assert.Equal(0, code);
        Assert.Matches(@"crm\.leads: inline, running, [1-9][0-9,]* events in its last rebuild", output);
        Assert.Equal(leads, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task replaying_dead_letters_with_none_open_rebuilds_nothing()
    {
        var before = await RebuildsAsync();
        var (code, output) = await RunAsync("--replay-dead-letters");
        Assert.Equal(0, code);
        Assert.Contains("nothing to replay", output);
        Assert.Equal(before, await RebuildsAsync());
    }

    private async Task<int> RebuildsAsync()
    {
        await using var cmd = host.Database.DataSource.CreateCommand("select rebuilds from es.projection_checkpoints where name = @n");
        cmd.Parameters.Add(new NpgsqlParameter<string>("n", DailyCounts));
        return (int)(await cmd.ExecuteScalarAsync())!;
    }
}
