using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using RunwayRelay.DevHost.Access;

namespace RunwayRelay.IntegrationTests.DevHost.Access;

public sealed class LoopbackOnlyFilterTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task InvokeAsync_LoopbackCaller_ReachesTheHandler(string address)
    {
        var (result, called) = await InvokeAsync(IPAddress.Parse(address));

        Assert.True(called);
        Assert.Equal("handled", result);
    }

    [Fact]
    public async Task InvokeAsync_RemoteCaller_Gets403ProblemWithErrorCode()
    {
        var (result, called) = await InvokeAsync(IPAddress.Parse("192.168.1.20"));

        Assert.False(called);
        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(StatusCodes.Status403Forbidden, problem.StatusCode);
        Assert.Equal(LoopbackOnlyFilter.ErrorCode, problem.ProblemDetails.Extensions["errorCode"]);
    }

    private static async Task<(object? Result, bool Called)> InvokeAsync(IPAddress remote)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = remote;
        http.Request.Path = "/api/health";
        bool called = false;
        var result = await new LoopbackOnlyFilter().InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ =>
        {
            called = true;
            return ValueTask.FromResult<object?>("handled");
        });
        return (result, called);
    }
}
