using Crm.Events;
using Crm.Events.Leads;
using Crm.Write.Access;
using Crm.Write.Leads;
using Crm.Write.Tests.Access;

namespace Crm.Write.Tests.Leads;

/// <summary>
/// The one reach rule as a lead command applies it to the lead as its stream has it: the owner inside the
/// caller's scope; a pool lead for whoever may claim (read and change) or sees everyone; else 404 lead_not_found.
/// </summary>
public sealed class reaching_a_lead
{
    private readonly OrgBuilder org = new();

    private static LeadState Owned(Guid owner) => LeadState.Evolve(LeadState.None, new LeadCreated(Guid.CreateVersion7(), new LeadFields("Wang"), owner));

    private static LeadState Pooled(Guid owner) => Owned(owner) with { OwnerId = null };

    [Fact]
    public void a_self_scoped_caller_reaches_their_own_lead_and_not_a_colleagues()
    {
        var role = org.Role(DataScope.Self, "lead.edit");
        var me = org.User(roleIds: [role]);
        var colleague = org.User(roleIds: [role]);
        var caller = new Caller(me, org.Snapshot());

        Assert.Null(LeadReach.Check(Owned(me), caller, "lead.edit"));
        var lead = Owned(colleague);
        var refusal = LeadReach.Check(lead, caller, "lead.edit");

        Assert.Equal(("lead_not_found", ErrorKind.NotFound), (refusal?.Code, refusal?.Kind));
        Assert.Contains(lead.Id.ToString(), refusal!.Message);
    }

    [Fact]
    public void a_pool_lead_is_reached_with_lead_claim_or_an_all_records_scope_only()
    {
        var claimer = org.User(roleIds: [org.Role(DataScope.Self, "lead.edit", "lead.claim")]);
        var everyone = org.User(roleIds: [org.Role(DataScope.All, "lead.edit")]);
        var neither = org.User(roleIds: [org.Role(DataScope.Department, "lead.edit")]);
        var snapshot = org.Snapshot();
        var lead = Pooled(neither);

        Assert.Null(LeadReach.Check(lead, new Caller(claimer, snapshot), "lead.edit"));
        Assert.Null(LeadReach.Check(lead, new Caller(everyone, snapshot), "lead.edit"));
        Assert.Equal("lead_not_found", LeadReach.Check(lead, new Caller(neither, snapshot), "lead.edit")?.Code);
    }

    [Fact]
    public void a_lead_that_never_existed_is_not_found_whoever_asks()
    {
        var admin = org.User(superAdmin: true);

        var refusal = LeadReach.Check(LeadState.None, new Caller(admin, org.Snapshot()), "lead.edit");

        Assert.Equal("lead_not_found", refusal?.Code);
    }

    [Fact]
    public void duplicate_masking_sees_a_lead_with_lead_detail_in_scope_or_in_the_pool_with_lead_claim()
    {
        var reader = org.User(roleIds: [org.Role(DataScope.Self, "lead.detail")]);
        var other = org.User();
        var caller = new Caller(reader, org.Snapshot());

        Assert.True(LeadReach.Sees(caller, Guid.CreateVersion7(), reader));
        Assert.False(LeadReach.Sees(caller, Guid.CreateVersion7(), other));
        Assert.False(LeadReach.Sees(caller, Guid.CreateVersion7(), null));
    }
}
