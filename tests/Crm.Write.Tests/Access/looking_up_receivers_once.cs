using Crm.Write.Access;

namespace Crm.Write.Tests.Access;

public sealed class looking_up_receivers_once
{
    [Fact]
    public void a_list_repeating_ids_yields_each_once_at_the_index_it_first_stands_at()
    {
        var (a, b) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        Guid[] list = [a, a, b, .. Enumerable.Repeat(a, 10_000), b];
        Assert.Equal([(a, 0), (b, 2)], Receivers.Once(list).ToList());
        Assert.Empty(Receivers.Once([]));
    }
}
