using System.Net;
using Crm.Events.Notifications;
using Crm.Write.Notifications;

namespace Crm.Write.Tests.Notifications;

public sealed class choosing_notification_channels
{
    private static readonly Guid User = Guid.CreateVersion7();
    private static readonly CommandContext Context = new(User, new DateTimeOffset(2026, 3, 2, 10, 30, 0, TimeSpan.Zero));
    private static readonly NotificationChannels.Facts Everything = new(EmailConfigured: true, HasEmail: true, HasWebhook: null);

    [Fact]
    public void a_choice_is_recorded_with_its_channels_deduplicated_in_a_stable_order_and_the_same_choice_again_writes_nothing()
    {
        var decision = NotificationPreferences.Decide(User,
            new ChooseNotificationChannels([new("customer_transferred", ["email", "in_app", "email"])]), Everything, NotificationPreferencesState.Empty, Context);

        var chosen = Assert.IsType<NotificationChannelsChosen>(Assert.Single(decision.Events));
        Assert.Equal(["in_app", "email"], Assert.Single(chosen.Choices).Channels);
        var state = NotificationPreferences.Decider.Fold(NotificationPreferencesState.Empty, decision.Events);
        Assert.Empty(NotificationPreferences.Decide(User, new ChooseNotificationChannels([new("customer_transferred", ["in_app", "email"])]),
            Everything, state, Context).Events);
    }

    [Fact]
    public void the_webhook_channel_needs_a_webhook_and_a_webhook_a_choice_names_cannot_be_removed()
    {
        var webhook = new ChooseNotificationChannels([new("approval_waiting", ["webhook"])]);
        Assert.Equal("webhook_missing", NotificationPreferences.Decide(User, webhook, Everything, NotificationPreferencesState.Empty, Context).Error?.Code);

        var state = NotificationPreferences.Decider.Fold(NotificationPreferencesState.Empty,
            NotificationPreferences.Decide(User, new SetNotificationWebhook("https://hooks.example.com/x", "whsec_1"), false, Context).Events);
        state = NotificationPreferences.Decider.Fold(state, NotificationPreferences.Decide(User, webhook, Everything, state, Context).Events);

        Assert.Equal("webhook_in_use", NotificationPreferences.Decide(User, new RemoveNotificationWebhook(), state, Context).Error?.Code);
        Assert.Empty(NotificationPreferences.Decide(User, new RemoveNotificationWebhook(), NotificationPreferencesState.Empty, Context).Events);
    }

    [Fact]
    public void an_administrators_removal_is_never_refused_the_choices_lose_the_webhook_first_and_an_emptied_choice_is_dropped()
    {
        var state = NotificationPreferences.Decider.Fold(NotificationPreferencesState.Empty,
            NotificationPreferences.Decide(User, new SetNotificationWebhook("https://hooks.example.com/x", "whsec_1"), false, Context).Events);
        var choices = new ChooseNotificationChannels([new("approval_waiting", ["webhook"]), new("customer_transferred", ["in_app", "webhook"]),
            new("customer_recycled", [])]);
        state = NotificationPreferences.Decider.Fold(state, NotificationPreferences.Decide(User, choices, Everything, state, Context).Events);

        var decision = NotificationPreferences.Decide(User, new RemoveUsersNotificationWebhook(), state, Context);

        Assert.Equal(2, decision.Events.Count);
        var chosen = Assert.IsType<NotificationChannelsChosen>(decision.Events[0]);
        Assert.Equal(["customer_recycled", "customer_transferred"], chosen.Choices.Select(c => c.Kind).Order());
        Assert.Equal(["in_app"], chosen.Choices.Single(c => c.Kind == "customer_transferred").Channels);
        Assert.Empty(chosen.Choices.Single(c => c.Kind == "customer_recycled").Channels);
        Assert.IsType<NotificationWebhookRemoved>(decision.Events[1]);
        var after = NotificationPreferences.Decider.Fold(state, decision.Events);
        Assert.Null(after.WebhookUrl);
        // No webhook: nothing to do; a webhook no choice names: the removal alone.
        Assert.Empty(NotificationPreferences.Decide(User, new RemoveUsersNotificationWebhook(), after, Context).Events);
        var unchosen = NotificationPreferences.Decider.Fold(NotificationPreferencesState.Empty,
            NotificationPreferences.Decide(User, new SetNotificationWebhook("https://hooks.example.com/y", "whsec_2"), false, Context).Events);
        Assert.IsType<NotificationWebhookRemoved>(Assert.Single(NotificationPreferences.Decide(User, new RemoveUsersNotificationWebhook(), unchosen, Context).Events));
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("127.0.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a00:5")]
    [InlineData("2002:a00:1::1")]
    [InlineData("2001:0:a00:1::1")]
    [InlineData("::a00:1")]
    [InlineData("198.18.0.1")]
    [InlineData("192.0.0.8")]
    public void addresses_of_this_networks_own_machines_are_never_a_webhooks_target(string address) =>
        Assert.True(WebhookAddress.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    public void public_addresses_are(string address) => Assert.False(WebhookAddress.IsPrivate(IPAddress.Parse(address)));
}
