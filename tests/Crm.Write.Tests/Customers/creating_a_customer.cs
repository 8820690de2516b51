using Crm.Events;
using Crm.Events.Customers;
using Crm.Write.Customers;
using static Crm.Write.Tests.Customers.CustomerSpecification;
using static Crm.Write.Tests.Decisions;

namespace Crm.Write.Tests.Customers;

public sealed class creating_a_customer
{
    private static readonly CustomerInput Valid = new("  Acme Ltd ", "B", "Retail", "Referral", "East", "1 Main St", "+86 (10) 1234-5678",
        "info@acme.example", "acme.example", "met at a fair", ["vip", " key ", "vip", ""]);

    [Fact]
    public void a_valid_customer_is_created_with_trimmed_fields_and_distinct_tags()
    {
        var decision = Customer.Decide(new CreateCustomer(Id, Valid, Owner), Given(), As(Owner));
        ThenEvents(decision, new CustomerCreated(Id, new CustomerFields("Acme Ltd", "B", "Retail", "Referral", "East", "1 Main St",
            "+86 (10) 1234-5678", "info@acme.example", "https://acme.example", "met at a fair", ["vip", "key"]), Owner, null, Now));
    }

    [Fact]
    public void a_customer_converted_from_a_lead_remembers_the_lead()
    {
        var lead = Guid.CreateVersion7();
        Assert.Equal(lead, Single<CustomerCreated>(Customer.Decide(new CreateCustomer(Id, new CustomerInput("Acme"), Owner, lead), Given(), As(Owner))).LeadId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void a_customer_without_a_name_is_refused(string? name)
    {
        var decision = Customer.Decide(new CreateCustomer(Id, new CustomerInput(name), Owner), Given(), As(Owner));
        ThenRefused(decision, ErrorKind.Validation, "name_required", "name");
    }

    [Theory]
    [InlineData("phone", "call me")]
    [InlineData("phone", "12")]
    [InlineData("email", "not-an-address")]
    [InlineData("email", "a@b")]
    [InlineData("website", "ftp://acme.example")]
    [InlineData("website", "not a site")]
    public void a_badly_formatted_field_is_refused_naming_the_field(string field, string value)
    {
        var input = field switch
        {
            "phone" => new CustomerInput("Acme", Phone: value),
            "email" => new CustomerInput("Acme", Email: value),
            _ => new CustomerInput("Acme", Website: value),
        };
        var decision = Customer.Decide(new CreateCustomer(Id, input, Owner), Given(), As(Owner));
        ThenRefused(decision, ErrorKind.Validation, field + "_invalid", field);
    }

    [Theory]
    [InlineData("(021) 5555-1234")]
    [InlineData("+86 138 0000 0000")]
    [InlineData("010.1234.5678")]
    [InlineData("13800000000")]
    public void common_phone_formats_are_accepted(string phone)
    {
        Assert.Equal(phone, Single<CustomerCreated>(Customer.Decide(new CreateCustomer(Id, new CustomerInput("Acme", Phone: phone), Owner), Given(), As(Owner))).Fields.Phone);
    }

    [Fact]
    public void every_field_over_its_length_is_named()
    {
        var input = new CustomerInput(new string('n', 101), new string('l', 31), new string('i', 51), new string('s', 51), new string('r', 51),
            new string('a', 201), Remark: new string('m', 2001), Tags: [new string('t', 31)]);
        var decision = Customer.Decide(new CreateCustomer(Id, input, Owner), Given(), As(Owner));
        ThenInvalid(decision,
            ("name", "name_too_long"), ("level", "level_too_long"), ("industry", "industry_too_long"), ("source", "source_too_long"),
            ("region", "region_too_long"), ("address", "address_too_long"), ("remark", "remark_too_long"), ("tags", "tags_too_long"));
    }

    [Fact]
    public void tags_with_commas_or_too_many_tags_are_refused()
    {
        ThenRefused(Customer.Decide(new CreateCustomer(Id, new CustomerInput("Acme", Tags: ["a,b"]), Owner), Given(), As(Owner)),
            ErrorKind.Validation, "tags_invalid", "tags");
        var many = Enumerable.Range(0, 21).Select(i => "t" + i).ToList();
        ThenRefused(Customer.Decide(new CreateCustomer(Id, new CustomerInput("Acme", Tags: many), Owner), Given(), As(Owner)),
            ErrorKind.Validation, "tags_too_many", "tags");
    }

    [Fact]
    public void a_suspected_duplicate_is_refused_listing_the_candidates()
    {
        var candidates = new[] { new DuplicateCandidate("lead", Guid.CreateVersion7(), "Acme", ["name"]),
            new DuplicateCandidate("customer", Guid.CreateVersion7(), "ACME Ltd", ["phone", "email"]) };
        var error = ThenRefused(Customer.Decide(new CreateCustomer(Id, new CustomerInput("Acme"), Owner, Duplicates: candidates), Given(), As(Owner)),
            ErrorKind.Conflict, DuplicateCheck.Code);
        Assert.Equal(candidates, (IEnumerable<DuplicateCandidate>)error.Extensions["candidates"]);
    }

    [Fact]
    public void a_duplicate_is_created_anyway_when_the_client_says_so()
    {
        var candidates = new[] { new DuplicateCandidate("customer", Guid.CreateVersion7(), "Acme", ["name"]) };
        Single<CustomerCreated>(Customer.Decide(new CreateCustomer(Id, new CustomerInput("Acme"), Owner, null, candidates, CreateAnyway: true), Given(), As(Owner)));
    }

    [Fact]
    public void validation_comes_before_the_duplicate_check()
    {
        var candidates = new[] { new DuplicateCandidate("customer", Guid.CreateVersion7(), "", ["email"]) };
        ThenInvalid(Customer.Decide(new CreateCustomer(Id, new CustomerInput(null, Email: "x"), Owner, null, candidates), Given(), As(Owner)),
            ("name", "name_required"), ("email", "email_invalid"));
    }

    [Fact]
    public void a_customer_that_exists_already_is_not_created_twice()
    {
        ThenRefused(Customer.Decide(new CreateCustomer(Id, new CustomerInput("Acme"), Owner), Given(Created()), As(Owner)), ErrorKind.Conflict, "customer_exists");
    }
}
