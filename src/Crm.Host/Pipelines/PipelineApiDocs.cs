using Crm.Host.Platform;

namespace Crm.Host.Pipelines;

/// <summary>What the OpenAPI document says about each pipeline operation (SAL-2), beside the route table.</summary>
internal static class PipelineApiDocs
{
    private const string Example = """
        {"id":"0190f1c0-0000-7000-8000-0000000000a1","name":"Standard pipeline","isDefault":true,"stages":[
        {"stageId":"0190f1c0-0000-7000-8000-000000000101","name":"Initial contact","winRate":10,"outcome":"open"},
        {"stageId":"0190f1c0-0000-7000-8000-000000000102","name":"Needs analysis","winRate":30,"outcome":"open"},
        {"stageId":"0190f1c0-0000-7000-8000-000000000103","name":"Quotation","winRate":60,"outcome":"open"},
        {"stageId":"0190f1c0-0000-7000-8000-000000000104","name":"Negotiation","winRate":80,"outcome":"open"},
        {"stageId":"0190f1c0-0000-7000-8000-000000000105","name":"Won","winRate":100,"outcome":"won"},
        {"stageId":"0190f1c0-0000-7000-8000-000000000106","name":"Lost","winRate":0,"outcome":"lost"}],
        "version":1,"createdAt":"2026-03-01T09:00:00+00:00","updatedAt":"2026-03-01T09:00:00+00:00"}
        """;

    private const string StageRules =
        "stages: open stages first (at least one), then exactly one won and one lost stage, last (30 at most). Each stage: name 1 to 50 "
        + "characters, unique in the pipeline (case-insensitively); winRate a percentage from 0 to 100 with at most two decimals (an open stage "
        + "needs one; rates need not grow from stage to stage; won is 100 and lost 0, and may be left out); outcome open (default), won or lost. "
        + "Every fault is named by its place: stages[2].winRate (win_rate_invalid, win_rate_required, win_rate_fixed), stages[0].name "
        + "(stage_name_invalid, stage_name_repeated), stages[1].outcome (stage_outcome_unknown), stages (stages_invalid, stage_order_invalid). ";

    public static readonly ApiDoc List = new("Sales pipelines",
        "Every pipeline with its stages in order, the default first, then by name. Needs pipeline.list.")
    { Response = $$"""{"items":[{{Example}}]}""", Problems = [401, 403] };

    public static readonly ApiDoc Create = new("Create a sales pipeline",
        "name has 1 to 60 characters, unique case-insensitively (409 pipeline_name_taken, also when a racing request took it first). " + StageRules
        + "isDefault: true makes it the default (the previous default gets pipeline.default-cleared in the same append); the first pipeline is the "
        + "default anyway. Needs pipeline.edit. With Idempotency-Key, a retry answers the first response and writes nothing.")
    {
        Request = """
            {"name":"Key accounts","stages":[{"name":"Qualified","winRate":20},{"name":"Proposal","winRate":55.5},{"name":"Won","outcome":"won"},
            {"name":"Lost","outcome":"lost"}]}
            """,
        Response = Example, Status = StatusCodes.Status201Created, Problems = [400, 401, 403, 409, 422],
    };

    public static readonly ApiDoc Get = new("Read a sales pipeline", "ETag is the pipeline's version. Needs pipeline.list.")
    { Response = Example, Problems = [401, 403, 404] };

    public static readonly ApiDoc Update = new("Rename a pipeline or change its stages",
        "Only what is sent changes: name (pipeline.renamed; 409 pipeline_name_taken) and stages, the whole list in its new order "
        + "(pipeline.stages-changed with the list before and after). Send a stage's stageId to keep it (renamed, re-rated or moved): "
        + "opportunities at it stay there; a stageId that is not one of the pipeline's stages is stages[i].stageId stage_unknown, one sent "
        + "twice stage_id_repeated; a stage without stageId is new. Opportunities' history never changes: their events recorded each stage's "
        + "name and win rate as they were. " + StageRules + "Send If-Match with the ETag you read: 412 when it changed since. Needs pipeline.edit.")
    {
        Request = """
            {"name":"Standard pipeline","stages":[{"stageId":"0190f1c0-0000-7000-8000-000000000101","name":"Initial contact","winRate":15},
            {"stageId":"0190f1c0-0000-7000-8000-000000000103","name":"Quotation","winRate":60},{"name":"Contract review","winRate":90},
            {"stageId":"0190f1c0-0000-7000-8000-000000000105","name":"Won","outcome":"won"},
            {"stageId":"0190f1c0-0000-7000-8000-000000000106","name":"Lost","outcome":"lost"}]}
            """,
        Response = Example, Problems = [400, 401, 403, 404, 409, 412],
    };

    public static readonly ApiDoc MakeDefault = new("Make a pipeline the default",
        "New opportunities follow the default pipeline unless told otherwise. The pipeline gets pipeline.made-default and the previous default "
        + "gets pipeline.default-cleared, in one append: there is always exactly one. Already the default: nothing changes. If-Match is "
        + "optional. With Idempotency-Key, a retry answers the first response. Needs pipeline.edit.")
    { Response = Example, Problems = [400, 401, 403, 404, 409, 412] };

    public static readonly ApiDoc Delete = new("Delete a sales pipeline",
        "Not the default (409 pipeline_is_default: make another one the default first), and only when no open opportunity follows it "
        + "(409 pipeline_in_use; counted from the opportunities as last committed). Its history "
        + "stays readable. If-Match is optional: 412 when it changed since. Needs pipeline.edit.")
    { Problems = [400, 401, 403, 404, 409, 412] };

    public static readonly ApiDoc History = new("A pipeline's operation log",
        "One entry per event, oldest first: version, time, action, actor, request id and each changed part's old and new value (stages as "
        + "\"name (rate %, outcome)\" joined by \" → \"). A deleted pipeline's log stays readable. Needs pipeline.list.")
    {
        Response = """
            {"id":"0190f1c0-0000-7000-8000-0000000000a1","items":[
              {"version":2,"at":"2026-03-02T10:30:00+00:00","action":"renamed","eventType":"pipeline.renamed",
              "actorId":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e4d99","requestId":"81aa","changes":[{"field":"name","old":"Standard pipeline","new":"Direct sales"}]}]}
            """,
        Problems = [401, 403, 404],
    };
}
