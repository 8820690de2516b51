using Crm.Host.Platform;

namespace Crm.Host.Tests.Platform;

/// <summary>The host prepares the statements it repeats (planning cost more than running them), unless told otherwise.</summary>
public sealed class preparing_repeated_statements
{
    private const string Server = "Host=127.0.0.1;Port=5432;Username=crm;Database=crm";

    [Fact]
    public void statements_are_prepared_by_default() =>
        Assert.Equal(DatabaseSetup.DefaultMaxAutoPrepare, DatabaseSetup.Builder(Server).ConnectionStringBuilder.MaxAutoPrepare);

    [Theory]
    [InlineData("Max Auto Prepare=0", 0)]
    [InlineData("max auto prepare=5", 5)]
    [InlineData("MaxAutoPrepare=7", 7)]
    public void the_connection_string_has_the_last_word(string setting, int expected) =>
        Assert.Equal(expected, DatabaseSetup.Builder($"{Server};{setting}").ConnectionStringBuilder.MaxAutoPrepare);

    // Pooled connections are not reset by default (session locks live on LeadershipDataSource); a connection string may still ask for it.
    [Theory]
    [InlineData("", true)]
    [InlineData(";No Reset On Close=false", false)]
    [InlineData(";NoResetOnClose=false", false)]
    public void pooled_connections_skip_the_reset_unless_the_connection_string_asks_for_it(string setting, bool expected) =>
        Assert.Equal(expected, DatabaseSetup.Builder($"{Server}{setting}").ConnectionStringBuilder.NoResetOnClose);
}
