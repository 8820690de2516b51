using System.Net.Http.Headers;
using System.Text.Json;
using Alba;
using Crm.Host.Tests.Identity;

namespace Crm.Host.Tests.Attachments;

/// <summary>The calls the attachment tests share: uploads as multipart/form-data, downloads as bytes.</summary>
internal static class AttachmentApi
{
    /// <summary>A PNG's signature and the start of its header: sniffed as image/png whatever the name or label says.</summary>
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];

    /// <summary>Unique bytes of a PDF (no two tests share a blob unless they mean to).</summary>
    public static byte[] Pdf() => System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n% " + Guid.NewGuid() + "\n%%EOF\n");

    public static MultipartFormDataContent Form(byte[] content, string fileName, string label = "application/octet-stream", string part = "file")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(label);
        return new MultipartFormDataContent { { file, part, fileName } };
    }

    /// <summary>Uploads to /api/{kind}/{id}/attachments (<paramref name="recordPath"/> is /api/{kind}/{id}) and expects 201.</summary>
    public static async Task<JsonElement> UploadAsync(this ApiCaller caller, string recordPath, byte[] content, string fileName = "offer.pdf",
        string label = "application/octet-stream")
    {
        using var form = Form(content, fileName, label);
        return (await caller.Scenario(s =>
        {
            s.Post.MultipartFormData(form).ToUrl(recordPath + "/attachments");
            s.StatusCodeShouldBe(201);
        })).Json();
    }

    /// <summary>Uploads and expects the problem.</summary>
    public static async Task<JsonElement> UploadRefusedAsync(this ApiCaller caller, string recordPath, MultipartFormDataContent form, int status,
        string? field = null, string? code = null) => (await caller.Scenario(s =>
        {
            s.Post.MultipartFormData(form).ToUrl(recordPath + "/attachments");
            s.ProblemShouldBe(status, field, code);
        })).Json();

    public static async Task<int> StatusAsync(this ApiCaller caller, HttpMethod method, string path, byte[]? upload = null)
    {
        using var form = upload is null ? null : Form(upload, "x.pdf");
        return (await caller.Scenario(s =>
        {
            if (form is not null) s.Post.MultipartFormData(form).ToUrl(path);
            else if (method == HttpMethod.Delete) s.Delete.Url(path);
            else s.Get.Url(path);
            s.IgnoreStatusCode();
        })).Status();
    }

    public static byte[] Bytes(this IScenarioResult result)
    {
        var body = result.Context.Response.Body;
        body.Position = 0;
        using var copy = new MemoryStream();
        body.CopyTo(copy);
        return copy.ToArray();
    }

    public static string Route(this JsonElement attachment) => $"/api/attachments/{attachment.Id()}";
}
