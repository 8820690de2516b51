using Crm.Events.Notifications;
using Crm.Write.Notifications;

namespace Crm.Write.Tests.Notifications;

public sealed class marking_notifications_read
{
    private static readonly Guid User = Guid.CreateVersion7();
    private static readonly CommandContext Context = new(User, new DateTimeOffset(2026, 3, 2, 10, 30, 0, TimeSpan.Zero));

    [Fact]
    public void an_unread_notification_is_recorded_read_once_with_the_time_of_the_command()
    {
        var notification = Guid.CreateVersion7();

        var decision = Inbox.Decide(User, new MarkNotificationRead(notification), InboxState.Empty, Context);

        Assert.Null(decision.Error);
        Assert.Equal(new NotificationRead(User, notification, Context.Now), Assert.Single(decision.Events));
    }

    [Fact]
    public void a_notification_the_stream_has_read_already_writes_nothing()
    {
        var notification = Guid.CreateVersion7();
        var state = Inbox.Decider.Fold(InboxState.Empty, [new NotificationRead(User, notification, Context.Now.AddDays(-1))]);

        var decision = Inbox.Decide(User, new MarkNotificationRead(notification), state, Context);

        Assert.Null(decision.Error);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void the_inbox_id_is_the_same_for_a_user_every_time_and_differs_between_users()
    {
        Assert.Equal(Inbox.IdOf(User), Inbox.IdOf(User));
        Assert.NotEqual(Inbox.IdOf(User), Inbox.IdOf(Guid.CreateVersion7()));
        Assert.Equal(8, Inbox.IdOf(User).Version);
        // Stored as a stream id: pinned, so a build that changed the name would not lose every user's read marks.
        Assert.Equal(Guid.Parse("1851c41e-40c9-8f34-b26a-c26786ccd225"), Inbox.IdOf(Guid.Parse("01234567-89ab-cdef-0123-456789abcdef")));
    }

    [Fact]
    public void read_all_names_only_the_notifications_the_stream_has_not_read_and_nothing_left_writes_nothing()
    {
        var (read, unread, duplicate) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var state = Inbox.Decider.Fold(InboxState.Empty, [new NotificationRead(User, read, Context.Now.AddDays(-1))]);

        var decision = Inbox.Decide(User, new MarkAllNotificationsRead([unread, read, duplicate, duplicate]), state, Context);

        Assert.Equal(new[] { unread, duplicate }, Assert.IsType<NotificationsReadAll>(Assert.Single(decision.Events)).NotificationIds);
        var after = Inbox.Decider.Fold(state, decision.Events);
        Assert.Empty(Inbox.Decide(User, new MarkAllNotificationsRead([unread, read, duplicate]), after, Context).Events);
        Assert.Empty(Inbox.Decide(User, new MarkAllNotificationsRead([]), InboxState.Empty, Context).Events);
    }
}
