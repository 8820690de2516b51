using System.Net;
using Crm.Events;
using Crm.Events.Integrations;
using Crm.Write.Access;
using Crm.Write.Integrations;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Integrations;

public sealed class webhook_rules
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Creator = Guid.CreateVersion7();
    private static readonly WebhookTargets Targets = WebhookTargets.Parse("127.0.0.0/8");
    private static readonly WebhookCreated Created = new(Id, "ERP", "https://erp.example.com/x", "whsec_1", ["customer.*"], [], Creator, Decisions.Now);

    private static WebhookState Given(params object[] events) => Webhook.Decider.Fold(Webhook.Decider.Initial, events);

    private static CommandContext Context => As(Creator);

    [Theory]
    [InlineData("pending")]
    [InlineData("retrying")]
    public void a_delivery_still_being_tried_is_not_started_again(string status) => ThenRefused(
        Webhook.Decide(new RedeliverWebhookEvent(Id, Guid.NewGuid(), Guid.NewGuid(), status), Given(Created), Context), ErrorKind.Conflict, "webhook_delivery_in_progress");

    [Theory]
    [InlineData("delivered")]
    [InlineData("dead")]
    [InlineData("skipped")]
    public void a_delivery_that_ended_is_started_again(string status)
    {
        var (delivery, evt) = (Guid.NewGuid(), Guid.NewGuid());
        ThenEvents(Webhook.Decide(new RedeliverWebhookEvent(Id, delivery, evt, status), Given(Created), Context),
            new WebhookRedeliveryRequested(Id, delivery, evt, Decisions.Now));
    }

    [Fact]
    public void a_change_to_nothing_new_writes_nothing_and_a_deleted_webhook_is_gone()
    {
        var same = new ChangeWebhook(Id, new WebhookInput("ERP", null, null, null), Enabled: true);
        ThenNothing(Webhook.Decide(same, Given(Created), Targets, Context));
        ThenRefused(Webhook.Decide(same, Given(Created, new WebhookDeleted(Id, Decisions.Now)), Targets, Context), ErrorKind.NotFound, "webhook_not_found");
    }

    [Fact]
    public void a_webhook_created_without_a_filter_has_an_empty_one_which_a_change_may_set()
    {
        var input = new WebhookInput(" ERP ", "http://127.0.0.1:9/x", ["customer.*"], null);
        var created = Single<WebhookCreated>(Webhook.Decide(new CreateWebhook(Id, input, "whsec_1"), Creator, Targets, Context));
        Assert.Empty(created.Filter);
        Assert.Equal("ERP", created.Name);
        var change = new ChangeWebhook(Id, new WebhookInput(null, null, null, [new WebhookConditionInput("ownerId", "x")]), null);
        var changed = Single<WebhookChanged>(Webhook.Decide(change, Given(created), Targets, Context));
        Assert.Equal([new WebhookCondition("ownerId", "x")], changed.Filter);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("::ffff:169.254.169.254", true)]
    [InlineData("93.184.216.34", false)]
    public void only_the_allowed_private_networks_are_reached(string address, bool refused) =>
        Assert.Equal(refused, Targets.Refuses(IPAddress.Parse(address)));

    [Fact]
    public void an_api_token_narrows_its_creators_roles_to_its_permissions_at_the_narrower_scope()
    {
        var role = Guid.NewGuid();
        var snapshot = new OrgSnapshot(1, [new OrgUser(Creator, null, null, [role], false, false)], [],
            [new OrgRole(role, ["customer.list", "customer.delete"], DataScope.All)]);
        var grant = new TokenGrant(Guid.NewGuid(), [.. new[] { "customer.list" }], DataScope.Self);
        var narrowed = Assert.Single(grant.Narrow(snapshot, Creator));
        Assert.Equal(["customer.list"], narrowed.Permissions);
        Assert.Equal(DataScope.Self, narrowed.Scope);
        var caller = new Caller(Creator, snapshot, grant);
        Assert.True(caller.Can("customer.list"));
        Assert.False(caller.Can("customer.delete"));
        Assert.False(caller.IsSuperAdmin);
        Assert.Equal([Creator], caller.VisibleOwners("customer.list").Owners);
    }
}
