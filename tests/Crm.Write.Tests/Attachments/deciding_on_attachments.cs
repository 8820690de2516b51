using Crm.Events;
using Crm.Events.Attachments;
using Crm.Events.Leads;
using Crm.Write.Attachments;
using Crm.Write.Contacts;
using Crm.Write.Contracts;
using Crm.Write.Customers;
using Crm.Write.Leads;
using Crm.Write.Opportunities;
using Crm.Write.Products;

namespace Crm.Write.Tests.Attachments;

public sealed class deciding_on_attachments
{
    private static readonly CommandContext Context = new(Guid.CreateVersion7(), DateTimeOffset.Parse("2026-03-01T09:00:00Z"));

    [Fact]
    public void an_added_attachment_can_be_removed_once_and_its_id_never_reused()
    {
        var (record, id) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var add = new AddAttachment(id, record, "a.pdf", "application/pdf", 3, new string('0', 64));
        var added = Assert.IsType<AttachmentAdded>(Assert.Single(Attachment.Decide(add, "lead", AttachmentSet.Empty, Context).Events));
        Assert.Equal(Context.ActorId, added.UploadedBy);
        var files = AttachmentSet.Empty.Evolve(added);

        Assert.Equal(TakenIds.Code, Attachment.Decide(add, "lead", files, Context).Error?.Code);
        var removed = Attachment.Decide(new RemoveAttachment(id, record), "lead", files, Context);
        files = files.Evolve(Assert.Single(removed.Events));
        Assert.Equal(Attachment.NotFoundCode, Attachment.Decide(new RemoveAttachment(id, record), "lead", files, Context).Error?.Code);
        Assert.Equal(Attachment.NotFoundCode, Attachment.Decide(new RemoveAttachment(Guid.CreateVersion7(), record), "lead", files, Context).Error?.Code);
        Assert.Equal(TakenIds.Code, Attachment.Decide(add, "lead", files, Context).Error?.Code);
    }

    [Fact]
    public void every_kind_is_listed_once_and_its_permissions_are_in_the_catalogue()
    {
        Assert.Equal(["leads", "customers", "contacts", "opportunities", "contracts", "tasks", "products"], AttachableKinds.All.Select(k => k.Route));
        foreach (var kind in AttachableKinds.All)
        {
            Assert.True(Crm.Write.Access.PermissionCatalogue.IsKnown(kind.Reading.Permission), kind.Reading.Permission);
            Assert.True(Crm.Write.Access.PermissionCatalogue.IsKnown(kind.Editing.Permission), kind.Editing.Permission);
            Assert.Same(kind, AttachableKinds.ByKind(kind.Kind));
        }
    }

    /// <summary>The attachment events land in every kind's stream: each decider folds past them, leaving the record as it was.</summary>
    [Fact]
    public void every_record_decider_folds_past_attachment_events()
    {
        var added = new AttachmentAdded(Guid.CreateVersion7(), Guid.CreateVersion7(), "x", "a.pdf", "application/pdf", 1, "00", null, Context.Now);
        var removed = new AttachmentRemoved(added.AttachmentId, added.RecordId, "x", Context.Now);
        Assert.Equal(Opportunity.Decider.Initial, Opportunity.Decider.Fold(Opportunity.Decider.Initial, [added, removed]));
        Assert.Equal(Contract.Decider.Initial, Contract.Decider.Fold(Contract.Decider.Initial, [added, removed]));
        Assert.Equal(Product.Decider.Initial, Product.Decider.Fold(Product.Decider.Initial, [added, removed]));
        Assert.Equal(Lead.Decider.Initial, Lead.Decider.Fold(Lead.Decider.Initial, [added, removed]));
        Assert.Equal(Customer.Decider.Initial, Customer.Decider.Fold(Customer.Decider.Initial, [added, removed]));
        Assert.Equal(Contact.Decider.Initial, Contact.Decider.Fold(Contact.Decider.Initial, [added, removed]));
        Assert.Equal(Crm.Write.Tasks.WorkTask.Decider.Initial, Crm.Write.Tasks.WorkTask.Decider.Fold(Crm.Write.Tasks.WorkTask.Decider.Initial, [added, removed]));
    }

    /// <summary>A file name may name a person: attached after an erasure, it is personal data again, so the record may be erased again.</summary>
    [Fact]
    public void an_attachment_after_an_erasure_lets_the_record_be_erased_again()
    {
        var id = Guid.CreateVersion7();
        var added = new AttachmentAdded(Guid.CreateVersion7(), id, "lead", "Li Na.png", "image/png", 1, "00", null, Context.Now);
        var lead = Lead.Decider.Fold(Lead.Decider.Initial, [new LeadCreated(id, new LeadFields("Li Na"), Guid.CreateVersion7()),
            new LeadPersonalDataErased(id, "r", ["name"], Context.Now)]);
        Assert.True(lead.Erased);
        Assert.False(Lead.Decider.Evolve(lead, added).Erased);
        var customer = Customer.Decider.Evolve(Customer.Decider.Initial with { Exists = true, Erased = true }, added);
        Assert.False(customer.Erased);
        var contact = Contact.Decider.Evolve(Contact.Decider.Initial with { Exists = true, Erased = true }, added);
        Assert.False(contact.Erased);
    }
}
