using Crm.Host.Platform;

namespace Crm.Host.Approvals;

/// <summary>What the OpenAPI document says about each approval operation (SAL-4), beside the route tables.</summary>
internal static class ApprovalApiDocs
{
    private const string FlowExample = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4a01","recordKind":"contract","name":"Contracts","steps":[
        {"name":"Manager","approverKind":"superior","userId":null,"roleId":null,"mode":"any"},
        {"name":"Finance countersign","approverKind":"role","userId":null,"roleId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4a02","mode":"all"}],
        "enabled":true,"version":2,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:05:00+00:00"}
        """;

    private const string Example = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4b01","recordKind":"contract","recordId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4c01","recordVersion":4,
        "contentHash":"3f1c0d5e8a1b4c2d9e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d","title":"HT-2026-000123 Big deal",
        "flowId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4a01","flowVersion":2,"submittedBy":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d01","status":"pending",
        "currentStep":1,"waitingFor":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d03"],"steps":[
        {"index":0,"name":"Manager","approverKind":"superior","roleId":null,"mode":"any","approvers":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d02"],
        "actions":[{"approverId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d02","action":"approved","comment":"Fine","at":"2026-03-02T10:00:00+00:00"}],
        "reassignments":[]},
        {"index":1,"name":"Finance countersign","approverKind":"role","roleId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4a02","mode":"all",
        "approvers":["0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d03"],"actions":[],"reassignments":[]}],"reason":null,"approvedVersion":null,
        "submittedAt":"2026-03-02T09:00:00+00:00","endedAt":null,"version":4}
        """;

    private const string StepRules =
        "steps: 1 to 10, in order (steps_out_of_range). Each step: name 1 to 50 characters (steps[i].name step_name_required / step_name_too_long); "
        + "approverKind user, superior (the submitter's direct superior as of submission) or role (every enabled holder of the role as of submission) "
        + "(steps[i].approverKind approver_kind_invalid); userId for a user step (steps[i].userId step_user_required; 422 user_unusable when the user "
        + "does not exist or is disabled); roleId for a role step (steps[i].roleId step_role_required; 422 role_unknown); mode any (one approval "
        + "completes the step, 或签; the default) or all (every approver, 会签) (steps[i].mode mode_invalid). ";

    public static readonly ApiDoc ListFlows = new("Approval flows",
        "Every flow, by record kind, the enabled one first. recordKind filters (400 record_kind_unknown for a kind nothing registers).")
    { Response = $$"""{"items":[{{FlowExample}}]}""", Problems = [400] };

    public static readonly ApiDoc CreateFlow = new("Create an approval flow",
        "recordKind is a registered record kind (400 record_kind_required; 422 record_kind_unknown). name 1 to 60 characters (name_required, "
        + "name_too_long). " + StepRules + "enabled: true switches it on at once; at most one flow per record kind is on (409 approval_flow_conflict, "
        + "with flowId naming the flow in the way; guarded so two concurrent requests cannot both win). With Idempotency-Key, a retry answers the "
        + "first response.")
    {
        Request = """
            {"recordKind":"contract","name":"Contracts","steps":[{"name":"Manager","approverKind":"superior"},
            {"name":"Finance countersign","approverKind":"role","roleId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4a02","mode":"all"}],"enabled":true}
            """,
        Response = FlowExample, Status = StatusCodes.Status201Created, Problems = [400, 409, 422],
    };

    public static readonly ApiDoc GetFlow = new("Read an approval flow", "ETag and version are the flow version submissions record.")
    { Response = FlowExample, Problems = [404] };

    public static readonly ApiDoc UpdateFlow = new("Rename an approval flow or replace its steps",
        "Only what is sent changes; steps is the whole list in its new order. " + StepRules + "Later submissions follow the change; pending ones "
        + "keep the steps (and approvers) they were submitted with. Send If-Match with the ETag you read: 412 when it changed since.")
    { Request = """{"name":"Contracts (2026)"}""", Response = FlowExample, Problems = [400, 404, 412, 422] };

    public static readonly ApiDoc EnableFlow = new("Switch an approval flow on",
        "Submissions of its record kind follow it from now on. Another flow of the kind already on: 409 approval_flow_conflict naming it (flowId). "
        + "Already on: nothing changes.")
    { Response = FlowExample, Problems = [404, 409, 412] };

    public static readonly ApiDoc DisableFlow = new("Switch an approval flow off",
        "With no flow on, a submission of the kind is approved at once (submitted and completed in one append). Pending submissions go on.")
    { Response = FlowExample, Problems = [404, 412] };

    public static readonly ApiDoc DeleteFlow = new("Delete an approval flow",
        "Its history stays; pending submissions that follow it keep their own steps. If-Match is optional: 412 when it changed since.")
    { Problems = [404, 412] };

    public static readonly ApiDoc List = new("Approval submissions",
        "Newest first, keyset-paged. You see the submissions you made or are (or were) an approver of, and those whose record you reach "
        + "under its kind's own read permission and data scope (contract.list for contracts, payment.list, invoice.list); approval-flow.list "
        + "alone reveals none. waitingFor=me: those whose current step still waits for you (your inbox); submittedBy=me: your own. "
        + "recordKind and status (pending, approved, rejected, withdrawn) filter. 400 waiting_for_invalid, submitted_by_invalid, "
        + "record_kind_unknown, status_invalid.")
    { Response = $$"""{"items":[{{Example}}],"nextCursor":null}""", Problems = [400] };

    public static readonly ApiDoc Get = new("Read an approval submission",
        "The record kind, id, the record version and content hash the submission binds to, the flow version followed, every step with its "
        + "approvers (as of submission) and each approver's action, and fields: the record's approved fields as text at the submitted version "
        + "(what is approved, readable by its approvers). A submission you do not see (as in the list) answers 404 approval_not_found, like an "
        + "unknown id.")
    { Response = Example.TrimEnd()[..^1] + ""","fields":{"name":"Big deal","amount":"1000.00 CNY"}}""", Problems = [404] };

    public static readonly ApiDoc Approve = new("Approve the current step",
        "Checked against the step's rule now: you are among its approvers as named at submission, still enabled, and for a role step still hold "
        + "the role (403 not_your_step). any: your approval completes the step; all: every approver must approve (409 already_approved_by_you). "
        + "Completing the last step approves the record at the submitted version in the same append; if the record's approved fields moved "
        + "meanwhile: 409 record_changed. Rules across records hold at that moment too, checked under a lock so racing approvals cannot both "
        + "pass: an invoice within its contract's invoiceable amount (409 invoice_exceeds_invoiceable naming amount), approved payments within "
        + "the contract's amount (409 payments_exceed_contract naming amount), the contract still approved (409 contract_voided / "
        + "contract_not_approved naming contractId); nothing is written and the step stays pending. An ended submission: 409 approval_ended. "
        + "comment: optional, at most 1000 characters (comment_too_long). If-Match: the submission's ETag.")
    { Request = """{"comment":"Fine"}""", Response = Example, Problems = [400, 403, 404, 409, 412] };

    public static readonly ApiDoc Reject = new("Reject the submission",
        "By an approver of the current step (403 not_your_step), for a reason (reason_required, reason_too_long: at most 1000 characters). The "
        + "submission ends and the record is rejected in the same append: it may be edited and submitted again. 409 approval_ended once ended.")
    { Request = """{"reason":"The discount needs the director's signature."}""", Response = Example, Problems = [400, 403, 404, 409, 412] };

    public static readonly ApiDoc Reassign = new("Reassign a waiting approver",
        "For approval-flow.reassign holders who see the submission (else 404 approval_not_found): puts to in place of from on the current "
        + "step, so a step waiting for a disabled or departed approver (a countersign step above all) can still complete. from: an approver "
        + "the current step still waits for (from_required; 422 approver_not_waiting); to: an enabled user (to_required; 422 user_unusable) "
        + "the step does not name yet (422 already_an_approver), neither the submitter (422 submitter_cannot_approve) nor the caller (422 reassign_to_self); "
        + "reason: required, at most 1000 characters (reason_required, reason_too_long). "
        + "The step's rule then counts to instead of from (on a role step whatever roles to holds); approvals already given stand. to gets "
        + "approval_waiting in their inbox; from still reads the submission. 409 approval_ended once ended. If-Match: the submission's ETag.")
    {
        Request = """{"from":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d03","to":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d04","reason":"Left the company"}""",
        Response = Example, Problems = [400, 403, 404, 409, 412, 422],
    };

    public static readonly ApiDoc Withdraw = new("Withdraw your submission",
        "Only the submitter (403 not_submitter), only while pending (409 approval_ended). The record is a draft again, in the same append.")
    { Response = Example, Problems = [403, 404, 409, 412] };

    public static ApiDoc Submit(string kind) => new($"Submit a {kind} for approval",
        $"The {kind} must be yours to change (404 {kind}_not_found outside your data scope, 403 team_read_only), a draft or rejected (409 "
        + "approval_pending, already_approved" + (kind == "contract" ? ", contract_voided" : "") + "; a payment or invoice: its contract approved, "
        + "409 contract_voided / contract_not_approved naming contractId; a rejected invoice must fit the invoiceable amount again, 409 "
        + "invoice_exceeds_invoiceable). The enabled flow of the kind is followed: "
        + "each step's approvers are fixed now, from the org as it is (409 approver_missing naming the step when a step names nobody usable: no "
        + "enabled superior, no enabled holder of the role, a disabled user). No flow enabled: the submission is approved at once, in the same "
        + $"append. The {kind} is locked while pending. If-Match: the {kind}'s ETag (412 when it changed). Answers the new submission.")
    { Response = Example, Status = StatusCodes.Status201Created, Problems = [403, 404, 409, 412] };

    public static ApiDoc RecordApproval(string kind) => new($"A {kind}'s approval",
        $"The {kind}'s latest submission (404 approval_not_found when it was never submitted): the version submitted and, once approved, the "
        + "version approved; the content hash then and whether it still holds; and diff: each approved field whose text differs between the "
        + "submitted version and now (empty while locked). ETag: the record's version.")
    {
        Response = $$"""
            {"recordKind":"{{kind}}","recordId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4c01","recordVersion":5,"recordStatus":"approved","submittedVersion":4,
            "approvedVersion":4,"contentHash":"3f1c0d5e8a1b4c2d9e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d","contentUnchanged":true,"diff":[],
            "submission":{{Example}}}
            """,
        Problems = [404],
    };
}
