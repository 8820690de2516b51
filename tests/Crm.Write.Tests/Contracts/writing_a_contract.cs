using Crm.Events;
using Crm.Events.Sales;
using Crm.Write.Contracts;
using static Crm.Write.Tests.Decisions;
using static Crm.Write.Tests.Contracts.ContractSpecification;

namespace Crm.Write.Tests.Contracts;

public sealed class writing_a_contract
{
    [Fact]
    public void a_new_contract_is_a_draft_with_its_number_lines_and_their_total()
    {
        var created = Single<ContractCreated>(Contract.Decide(Create([Line(Widget.Id, 3, 33.34m)]), ContractState.None, As(Owner)));
        Assert.Equal((Number, 100.02m, "CNY", false), (created.Number, created.Amount.Amount, created.Amount.Currency, created.AmountSetByHand));
        Assert.Equal(ApprovalStatus.Draft, Given(created).Status);
    }

    [Fact]
    public void bad_fields_are_refused_naming_each_and_an_end_before_the_start_names_ends_on()
    {
        ThenInvalid(Contract.Decide(Create(fields: new ContractInput(" ", "2026-02-30", "2026-05-01", "2026-04-30", "not-an-id")), ContractState.None,
            As(Owner)), ("name", "name_required"), ("signedOn", "date_invalid"), ("endsOn", "ends_before_start"), ("signatoryContactId", "signatory_invalid"));
        ThenRefused(Contract.Decide(Create(amount: 10.001m), ContractState.None, As(Owner)), ErrorKind.Validation, "amount_out_of_range", "amount");
        ThenRefused(Contract.Decide(Create(amount: -1m), ContractState.None, As(Owner)), ErrorKind.Validation, "amount_out_of_range", "amount");
        ThenRefused(Contract.Decide(Create(currency: null), ContractState.None, As(Owner)), ErrorKind.Validation, "currency_required", "currency");
        ThenRefused(Contract.Decide(Create(number: "HT\0-1"), ContractState.None, As(Owner)), ErrorKind.Validation, "number_invalid", "number");
        ThenRefused(Contract.Decide(Create(taken: true), ContractState.None, As(Owner)), ErrorKind.Conflict, "contract_number_taken", "number");
        ThenRefused(Contract.Decide(Create(), Draft(), As(Owner)), ErrorKind.Conflict, "contract_exists", "id");
    }

    [Fact]
    public void the_opportunity_and_the_signatory_must_be_the_customers_and_new_lines_need_products_on_shelf()
    {
        var opportunity = Guid.CreateVersion7();
        var contact = Guid.CreateVersion7();
        ThenRefused(Contract.Decide(Create(opportunity: new LinkedRecord(opportunity, OtherCustomer)), ContractState.None, As(Owner)),
            ErrorKind.Unprocessable, "opportunity_not_of_customer", "opportunityId");
        ThenRefused(Contract.Decide(Create(opportunity: new LinkedRecord(opportunity, null)), ContractState.None, As(Owner)),
            ErrorKind.Unprocessable, "opportunity_not_of_customer", "opportunityId");
        ThenRefused(Contract.Decide(Create(fields: new ContractInput("X", SignatoryContactId: contact.ToString()), signatory: new LinkedRecord(contact,
            OtherCustomer)), ContractState.None, As(Owner)), ErrorKind.Unprocessable, "signatory_not_of_customer", "signatoryContactId");
        ThenRefused(Contract.Decide(Create([Line(Widget.Id), Line(Shelved.Id)]), ContractState.None, As(Owner)), ErrorKind.Unprocessable,
            "product_off_shelf", "lines[1].productId");

        var created = Single<ContractCreated>(Contract.Decide(Create(fields: new ContractInput("X", SignatoryContactId: contact.ToString()),
            opportunity: new LinkedRecord(opportunity, CustomerId), signatory: new LinkedRecord(contact, CustomerId)), ContractState.None, As(Owner)));
        Assert.Equal((opportunity, contact), (created.OpportunityId, created.Fields.SignatoryContactId));
    }

    [Fact]
    public void pending_and_approved_contracts_refuse_changes_of_their_fields_lines_and_amount_and_voided_ones_refuse_everything()
    {
        var pending = Given(Created(), new ContractSubmitted(Id, Guid.CreateVersion7(), At));
        ThenRefused(Contract.Decide(new EditContract(Id, new ContractInput(Remark: "late")), pending, As(Owner)), ErrorKind.Conflict, "contract_locked");
        ThenRefused(Contract.Decide(new EditContract(Id, new ContractInput(), 5m), Approved(), As(Owner)), ErrorKind.Conflict, "contract_locked");
        ThenRefused(Contract.Decide(new ChangeContractLines(Id, [], ContractSpecification.Products), Approved(), As(Owner)), ErrorKind.Conflict, "contract_locked");
        ThenNothing(Contract.Decide(new EditContract(Id, new ContractInput("Spring order")), Approved(), As(Owner)));
        var voided = Given(Created(), new ContractVoided(Id, "gone", ApprovalStatus.Draft, At));
        ThenRefused(Contract.Decide(new EditContract(Id, new ContractInput("New")), voided, As(Owner)), ErrorKind.Conflict, "contract_voided");
        ThenRefused(Contract.Decide(new VoidContract(Id, "again"), voided, As(Owner)), ErrorKind.Conflict, "contract_voided");

        var rejected = Given(Created(), new ContractSubmitted(Id, Guid.CreateVersion7(), At), new ContractRejected(Id, Guid.CreateVersion7(), "no", At));
        var edited = Single<ContractEdited>(Contract.Decide(new EditContract(Id, new ContractInput(EndsOn: "2027-01-31")), rejected, As(Owner)));
        Assert.Equal(new FieldChange("endsOn", null, "2027-01-31"), Assert.Single(edited.Changes));
    }

    [Fact]
    public void only_drafts_and_rejected_contracts_are_deleted_and_voiding_needs_a_reason_and_takes_an_approved_one()
    {
        ThenEvents(Contract.Decide(new DeleteContract(Id), Draft(), As(Owner)), new ContractDeleted(Id));
        ThenRefused(Contract.Decide(new DeleteContract(Id), Approved(), As(Owner)), ErrorKind.Conflict, "contract_not_deletable");
        ThenRefused(Contract.Decide(new DeleteContract(Id), ContractState.None, As(Owner)), ErrorKind.NotFound, "contract_not_found");
        ThenInvalid(Contract.Decide(new VoidContract(Id, " "), Approved(), As(Owner)), ("reason", "reason_required"));
        ThenEvents(Contract.Decide(new VoidContract(Id, "Customer withdrew"), Approved(), As(Owner)),
            new ContractVoided(Id, "Customer withdrew", ApprovalStatus.Approved, At));
    }

    [Fact]
    public void the_amount_set_by_hand_may_not_fall_below_the_payment_plans()
    {
        var planned = Given(Created(), new PaymentPlanAdded(Id, Entry(Guid.CreateVersion7(), 1, 800m)));
        ThenRefused(Contract.Decide(new EditContract(Id, new ContractInput(), 799.99m), planned, As(Owner)), ErrorKind.Conflict, "plans_exceed_amount", "amount");
        ThenEvents(Contract.Decide(new EditContract(Id, new ContractInput(), 800m), planned, As(Owner)),
            new ContractAmountSet(Id, new Money(800.00m, "CNY"), new Money(1000.00m, "CNY"), true));
    }
}
