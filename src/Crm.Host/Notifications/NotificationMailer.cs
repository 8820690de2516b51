using Crm.Projections.Notifications;
using Crm.Projections.Org;
using Crm.Write.Notifications;
using MailKit.Net.Smtp;
using MimeKit;

namespace Crm.Host.Notifications;

/// <summary>
/// The e-mail channel (Wolverine handler, queue notification-channels): one plain-text mail per notification through the configured SMTP
/// server (MailKit), to the user's address as it is when sending. Sent once: a notification the channel dealt with is skipped; a failed
/// send throws <see cref="ChannelDeliveryException"/> and is retried on the channel's schedule. A crash between the server's
/// acceptance and the record would send it again: at least once, like every channel that is not transactional with the database.
/// </summary>
public static class NotificationMailer
{
    public static async Task HandleAsync(
        NotificationEmailDue message, SmtpSettings smtp, UserQueries users, NotificationWriter texts, NotificationDeliveries deliveries,
        TimeProvider clock, CancellationToken ct)
    {
        var due = message.Notification;
        if (await deliveries.DoneAsync(due.Id, NotificationChannels.Email, ct)) return;
        var user = await users.GetAsync(due.UserId, ct);
        var address = user?.Email;
        if (!smtp.Configured || user is not { IsDisabled: false } || string.IsNullOrWhiteSpace(address) || !MailboxAddress.TryParse(address, out var to))
        {
            var why = !smtp.Configured ? "no SMTP server is configured"
                : user is not { IsDisabled: false } ? "the user is disabled" : "the user has no usable e-mail address";
            await deliveries.RecordAsync(due.Id, NotificationChannels.Email, due.UserId, NotificationDeliveries.Skipped, why, clock.GetUtcNow(), ct);
            return;
        }
        var text = await texts.TextAsync(due, ct);
        var mail = new MimeMessage { Subject = "CRM: " + Subject(text) };
        mail.From.Add(MailboxAddress.Parse(smtp.From));
        mail.To.Add(to);
        mail.Headers.Add("X-Crm-Notification", due.Id.ToString());
        mail.Body = new TextPart("plain") { Text = $"{text}\n\n{due.Kind} · {due.RecordType} {due.RecordId}\n" };
        try
        {
            using var client = new SmtpClient { Timeout = 30_000 };
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, ct);
            if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            await client.SendAsync(mail, ct);
            // Taken: recorded before anything else can fail (a QUIT that fails must not send it again).
            await deliveries.RecordAsync(due.Id, NotificationChannels.Email, due.UserId, NotificationDeliveries.Sent, to.Address, clock.GetUtcNow(), ct);
            try { await client.DisconnectAsync(true, ct); } catch (Exception quit) when (quit is not OperationCanceledException) { }
        }
        catch (Exception e) when (e is not (OperationCanceledException or Npgsql.NpgsqlException))
        {
            throw new ChannelDeliveryException($"The SMTP server did not take notification {due.Id}: {e.Message}", e);
        }
    }

    /// <summary>The first line of the text, cut at 120 characters: a subject never carries a line break.</summary>
    private static string Subject(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 120 ? line : line[..119] + "…";
    }
}
