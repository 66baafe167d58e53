using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace RunwayRelay.IntegrationTests.Runway;

public sealed class RunwayClientResilienceTests : EmulatorTestBase
{
    [Fact]
    public async Task GetTaskAsync_429ThenOk_SucceedsOnTheRetryAfterRetryAfter()
    {
        var created = await Runway.Client.CreateTaskAsync(TextToVideo());
        Emulator.Options.Faults.Read.RetryAfter = TimeSpan.FromMilliseconds(300);
        Emulator.Options.Faults.Read.TooManyRequestsNext = 1;

        var watch = Stopwatch.StartNew();
        var task = await Runway.Client.GetTaskAsync(created.Id);

        Assert.Equal(created.Id, task.Id);
        Assert.Equal(2, Emulator.Activity.PollsByTask[created.Id]);
        // retry-after-ms (300) is honoured, not the 20 ms backoff of the test settings
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"waited only {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task GetTaskAsync_500Twice_SucceedsOnTheThirdAttempt()
    {
        var created = await Runway.Client.CreateTaskAsync(TextToVideo());
        Emulator.Options.Faults.Read.ServerErrorNext = 2;

        var task = await Runway.Client.GetTaskAsync(created.Id);

        Assert.Equal(created.Id, task.Id);
        Assert.Equal(3, Emulator.Activity.PollsByTask[created.Id]);
    }

    [Fact]
    public async Task GetOrganizationAsync_503AndDroppedConnection_Recovers()
    {
        Emulator.Options.Faults.Read.ServerErrorStatusCode = 503;
        Emulator.Options.Faults.Read.ServerErrorNext = 1;
        Emulator.Options.Faults.Read.DropConnectionNext = 1;

        var organization = await Runway.Client.GetOrganizationAsync();

        Assert.Equal(Emulator.CreditBalance, organization.CreditBalance);
        Assert.Equal(3, Emulator.Activity.Requests.Count(r => r.Path.EndsWith("/v1/organization", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CancelTaskAsync_500ThenOk_IsRetried()
    {
        var created = await Runway.Client.CreateTaskAsync(TextToVideo());
        Emulator.Options.Faults.Delete.ServerErrorNext = 1;

        await Runway.Client.CancelTaskAsync(created.Id);

        Assert.Equal([created.Id, created.Id], Emulator.Activity.Deletes);
        await Assert.ThrowsAsync<RunwayException>(() => Runway.Client.GetTaskAsync(created.Id));
    }

    [Fact]
    public async Task CreateTaskAsync_500_IsNotRetriedAndSurfacesClearly()
    {
        Emulator.Options.Faults.Create.ServerErrorNext = 1;

        var ex = await Assert.ThrowsAsync<RunwayException>(() => Runway.Client.CreateTaskAsync(TextToVideo()));

        Assert.Equal((RunwayErrorKind.ServerError, HttpStatusCode.InternalServerError), (ex.Kind, ex.StatusCode));
        Assert.Contains("not retried", ex.Message);
        Assert.Contains("second paid generation", ex.Message);
        Assert.Equal(1, Emulator.Activity.CreateAttempts);
    }

    [Fact]
    public async Task CreateTaskAsync_500AfterRunwayCreatedTheTask_ExactlyOneSubmission()
    {
        Emulator.Options.Faults.Create.AfterProcessing = true;
        Emulator.Options.Faults.Create.ServerErrorStatusCode = 502;
        Emulator.Options.Faults.Create.ServerErrorNext = 1;

        var ex = await Assert.ThrowsAsync<RunwayException>(() => Runway.Client.CreateTaskAsync(TextToVideo()));

        Assert.Equal(RunwayErrorKind.ServerError, ex.Kind);
        Assert.Equal(1, Emulator.Activity.CreateAttempts);
        Assert.Single(Emulator.Activity.Creates);
    }

    [Fact]
    public async Task CreateTaskAsync_ConnectionDroppedAfterSending_IsNotRetried()
    {
        Emulator.Options.Faults.Create.AfterProcessing = true;
        Emulator.Options.Faults.Create.DropConnectionNext = 1;

        var ex = await Assert.ThrowsAsync<RunwayException>(() => Runway.Client.CreateTaskAsync(TextToVideo()));

        Assert.Equal(RunwayErrorKind.Network, ex.Kind);
        Assert.Null(ex.StatusCode);
        Assert.Contains("may have reached Runway", ex.Message);
        Assert.Single(Emulator.Activity.Creates);
        Assert.Equal(1, Emulator.Activity.CreateAttempts);
    }

    [Fact]
    public async Task CreateTaskAsync_AttemptTimesOut_IsNotRetried()
    {
        using var harness = Harness(settings: new Dictionary<string, string?> { ["Runway:RequestTimeout"] = "00:00:00.300" });
        Emulator.Options.Faults.Create.SlowDelay = TimeSpan.FromSeconds(3);
        Emulator.Options.Faults.Create.SlowNext = 1;

        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<RunwayException>(() => harness.Client.CreateTaskAsync(TextToVideo()));

        Assert.Equal(RunwayErrorKind.Network, ex.Kind);
        Assert.Contains("did not answer in time", ex.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"took {watch.ElapsedMilliseconds} ms");
        await Task.Delay(200);
        Assert.True(Emulator.Activity.CreateAttempts <= 1);
        Assert.Empty(Emulator.Activity.Creates);
    }

    [Fact]
    public async Task GetTaskAsync_AttemptTimesOut_IsRetried()
    {
        string id;
        using (var setup = Harness())
        {
            // created with the default timeout: a cold first request on a busy machine can take longer than 300 ms
            id = (await setup.Client.CreateTaskAsync(TextToVideo())).Id;
            await setup.Client.GetTaskAsync(id);
        }
        using var harness = Harness(settings: new Dictionary<string, string?> { ["Runway:RequestTimeout"] = "00:00:00.300" });
        Emulator.Options.Faults.Read.SlowDelay = TimeSpan.FromSeconds(3);
        Emulator.Options.Faults.Read.SlowNext = 1;

        var watch = Stopwatch.StartNew();
        var task = await harness.Client.GetTaskAsync(id);

        Assert.Equal(id, task.Id);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"took {watch.ElapsedMilliseconds} ms");
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Message.Contains("TimeoutRejectedException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateTaskAsync_429ThenOk_IsRetriedBecauseNothingWasCreated()
    {
        Emulator.Options.Faults.Create.RetryAfter = TimeSpan.FromMilliseconds(20);
        Emulator.Options.Faults.Create.TooManyRequestsNext = 1;

        var created = await Runway.Client.CreateTaskAsync(TextToVideo());

        Assert.Equal(2, Emulator.Activity.CreateAttempts);
        Assert.Equal(created.Id, Assert.Single(Emulator.Activity.Creates).TaskId);
    }

    [Fact]
    public async Task CreateTaskAsync_ConnectionRefusedUntilRunwayStarts_IsRetriedAndSubmittedOnce()
    {
        int port = ReservePort();
        using var harness = RunwayClientHarness.Create(new Uri($"http://127.0.0.1:{port}/"), RunwayEmulatorServer.CreateApiKey(),
            new Dictionary<string, string?> { ["Runway:RetryBaseDelay"] = "00:00:00.200", ["Runway:MaxRetryDelay"] = "00:00:02", ["Runway:MaxRetryAttempts"] = "5" });

        var create = harness.Client.CreateTaskAsync(TextToVideo());
        await WaitUntilAsync(() => harness.Logs.GetSnapshot().Any(r => r.Level == LogLevel.Warning && r.Message.Contains("retrying in", StringComparison.Ordinal)));
        await using var late = await StartEmulatorOnAsync(port);
        var created = await create;

        var control = late.Services.GetRequiredService<RunwayEmulatorControl>();
        Assert.Equal(created.Id, Assert.Single(control.Activity.Creates).TaskId);
        Assert.Equal(1, control.Activity.CreateAttempts);
    }

    private static async Task<WebApplication> StartEmulatorOnAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddRunwayEmulator(new EmulatorOptions { TimeScale = 0.001 });
        var app = builder.Build();
        app.MapRunwayEmulator();
        await app.StartAsync();
        return app;
    }

    private static int ReservePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}
