using System.Text.Json;
using Crm.Host.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Refusals;

/// <summary>
/// The binding failures no request to today's API causes (every query and header parameter is optional,
/// and route values are always there), fed to the handler as the framework words them: the day an
/// endpoint takes a required parameter, the client still gets a 400 naming it, not "request".
/// </summary>
public sealed class binding_failures_the_api_cannot_provoke(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<JsonElement> ProblemOfAsync(BadHttpRequestException failure)
    {
        var context = new DefaultHttpContext { RequestServices = host.Services };
        context.Response.Body = new MemoryStream();
        var handler = ActivatorUtilities.CreateInstance<BadRequestExceptionHandler>(host.Services);
        Assert.True(await handler.TryHandleAsync(context, failure, CancellationToken.None));
        context.Response.Body.Position = 0;
        return (await JsonDocument.ParseAsync(context.Response.Body)).RootElement;
    }

    [Fact]
    public async Task a_required_query_parameter_left_out_is_parameter_required_naming_it()
    {
        var problem = await ProblemOfAsync(new BadHttpRequestException("Required parameter \"int days\" was not provided from query string.", 400));
        Assert.Equal(("parameter_required", 400), (problem.GetProperty("code").GetString(), problem.GetProperty("status").GetInt32()));
        Assert.True(problem.GetProperty("errors").TryGetProperty("days", out _));
    }

    [Fact]
    public async Task a_failure_the_handler_does_not_recognise_is_request_invalid_not_a_500()
    {
        var problem = await ProblemOfAsync(new BadHttpRequestException("Unexpected end of request content.", 400));
        Assert.Equal(("request_invalid", 400), (problem.GetProperty("code").GetString(), problem.GetProperty("status").GetInt32()));
        Assert.True(problem.GetProperty("errors").TryGetProperty("request", out _));
    }
}
