namespace Crm.Host.Customers;

public static partial class CustomerEndpoints
{
    /// <summary>Example payloads for the OpenAPI document.</summary>
    internal static class Example
    {
        public const string Customer = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","name":"Acme Trading","level":"A","industry":"Retail","source":"Fair","region":"Shanghai",
            "address":null,"phone":"+86 21 5555 0100","email":"info@acme.example","website":"https://acme.example","remark":null,"tags":["vip"],
            "ownerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","previousOwnerId":null,"inPool":false,"locked":false,"leadId":null,
            "followUpStatus":"new","lastFollowUpAt":null,"nextContactAt":null,"ownedSince":"2026-03-01T09:00:00+00:00","poolEnteredAt":null,
            "version":1,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00","team":[],
            "lastDealAt":"2026-02-20T08:30:00+00:00","classes":{"recency":4,"frequency":2,"monetary":3,"contractCount":2,
            "firstContractAt":"2025-11-03T08:00:00+00:00","lastContractAt":"2026-02-20T08:30:00+00:00","paymentCount":1,"lastPaymentOn":"2026-03-01",
            "spend":[{"currency":"CNY","contractAmount":68000.00,"paymentsReceived":20000.00}]}}
            """;

        public const string Create = """
            {"name":"Acme Trading","level":"A","industry":"Retail","phone":"+86 21 5555 0100","email":"info@acme.example","website":"acme.example",
            "tags":["vip"],"createAnyway":false}
            """;

        public const string FollowUp = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d30","recordType":"customer","recordId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21",
            "customerId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","kind":"communication","content":"Called about the spring order",
            "nextContactAt":"2026-03-08T09:00:00+00:00","createdAt":"2026-03-01T10:00:00+00:00","createdBy":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99"}
            """;

        public const string History = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","items":[
              {"version":2,"at":"2026-03-02T10:30:00+00:00","action":"transferred","eventType":"customer.transferred",
              "actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","requestId":"81aa","changes":[
                {"field":"ownerId","old":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","new":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d98"}]}]}
            """;

        public const string Bulk = """
            {"succeeded":1,"failed":1,"items":[
              {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d21","succeeded":true,"status":200,"version":3,"code":null,"message":null,"field":null,
              "customerId":null},
              {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d22","succeeded":false,"status":404,"version":null,"code":"customer_not_found",
               "message":"Customer … does not exist or is outside your data scope.","field":null,"customerId":null}]}
            """;
    }
}
