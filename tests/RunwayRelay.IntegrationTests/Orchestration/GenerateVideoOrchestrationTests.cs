namespace RunwayRelay.IntegrationTests.Orchestration;

public sealed class GenerateVideoOrchestrationTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    [Fact]
    public async Task Orchestration_EmulatorSucceeds_StoresByteIdenticalVideoWithMetadata()
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString);
        var input = GenerationHost.Input();

        var meta = await host.RunAsync(input);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, meta.RuntimeStatus);
        var outcome = meta.ReadOutputAs<GenerationOutcome>()!;
        Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
        var video = Assert.Single(outcome.Videos);
        Assert.Equal(input.OutputBlobName, video.Name);
        Assert.Equal("video/mp4", video.ContentType);
        Assert.True(string.IsNullOrEmpty(video.BlobUrl.Query));

        var expected = await host.EmulatorOutputAsync(outcome.RunwayTaskId!);
        var stored = await host.BlobAsync(video.Name);
        Assert.Equal(expected, stored);
        Assert.Equal(expected.Length, video.Size);

        var properties = (await host.OutputContainer.GetBlobClient(video.Name).GetPropertiesAsync()).Value;
        Assert.Equal("video/mp4", properties.ContentType);
        Assert.Equal(outcome.RunwayTaskId, properties.Metadata["runwaytaskid"]);
        Assert.Equal("gen4.5", properties.Metadata["model"]);
        Assert.Equal(input.GenerationId, properties.Metadata["generationid"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(((TextToVideoRequest)input.Request).PromptText!))), properties.Metadata["promptsha256"]);

        var activity = host.Emulator.Activity;
        Assert.Single(activity.Creates);
        Assert.Equal(1, activity.CreateAttempts);
        var status = meta.ReadCustomStatusAs<GenerationProgress>()!;
        Assert.Equal(GenerationPhase.Succeeded, status.Phase);
    }

    [Fact]
    public async Task Orchestration_FullRun_ApiKeyAndSignedUrlsAppearNowhere()
    {
        // Slow enough (about 0.6 s) for several polls, so ContinueAsNew inputs are among the payloads checked.
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString, new EmulatorOptions { TimeScale = 0.01 });
        var input = GenerationHost.Input();

        var meta = await host.RunAsync(input);
        var outcome = meta.ReadOutputAs<GenerationOutcome>()!;
        Assert.Equal(GenerationPhase.Succeeded, outcome.Status);

        string key = host.Emulator.ApiKey;
        string keyHex = key["key_".Length..];
        var task = await host.Services.GetRequiredService<RunwayRelay.Runway.RunwayClient>().GetTaskAsync(outcome.RunwayTaskId!);
        string signedQuery = new Uri(task.Output![0]).Query.TrimStart('?');
        Assert.False(string.IsNullOrEmpty(signedQuery));

        // Every payload written to history (each execution's input, every activity input and output, custom status).
        var payloads = host.Payloads.Payloads.ToList();
        Assert.Contains(payloads, p => p.Contains("\"Checkpoint\":{", StringComparison.Ordinal));
        Assert.Contains(payloads, p => p.Contains("\"Fingerprint\":", StringComparison.Ordinal));
        var texts = new List<string> { meta.SerializedInput ?? "", meta.SerializedOutput ?? "", meta.SerializedCustomStatus ?? "" };
        texts.AddRange(payloads);
        texts.AddRange(host.Logs.GetSnapshot().Select(r => string.Join(" | ", new[] { r.Message, r.Exception?.ToString() ?? "" }
            .Concat(r.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? []))));

        Assert.True(texts.Count > 10, "logs were captured");
        foreach (var text in texts)
        {
            Assert.DoesNotContain(keyHex, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(signedQuery, text, StringComparison.Ordinal);
        }
        // The activities did log, with the key's fingerprint only.
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Message.Contains("sha256:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Orchestration_EmulatorFails_EndsFailedWithRunwayCode()
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString);
        var input = GenerationHost.Input("a storm [emulator:fail=SAFETY.INPUT.TEXT]");

        var meta = await host.RunAsync(input);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, meta.RuntimeStatus);
        var outcome = meta.ReadOutputAs<GenerationOutcome>()!;
        Assert.Equal(GenerationPhase.Failed, outcome.Status);
        Assert.Equal("SAFETY.INPUT.TEXT", outcome.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(outcome.ErrorMessage));
        Assert.Empty(outcome.Videos);
        Assert.False(await host.OutputContainer.GetBlobClient(input.OutputBlobName).ExistsAsync());
    }

    [Fact]
    public async Task Orchestration_CancelEvent_CancelsRunwayTaskAndEndsCancelled()
    {
        // Generations take a minute at time scale 1: only the cancel can end this one in time.
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString, new EmulatorOptions { TimeScale = 1 });
        var input = GenerationHost.Input();
        await host.ScheduleAsync(input);
        string taskId = await WaitForRunwayTaskAsync(host, input.GenerationId);

        await host.Client.RaiseEventAsync(input.GenerationId, GenerationEvents.Cancel, null);
        var meta = await host.WaitAsync(input.GenerationId, TimeSpan.FromSeconds(30));

        var outcome = meta.ReadOutputAs<GenerationOutcome>()!;
        Assert.Equal(GenerationPhase.Cancelled, outcome.Status);
        Assert.Equal(taskId, outcome.RunwayTaskId);
        Assert.Contains(taskId, host.Emulator.Activity.Deletes);
        Assert.Single(host.Emulator.Activity.Creates);
    }

    [Fact]
    public async Task Orchestration_DeadlinePasses_CancelsRunwayTaskAndEndsTimedOut()
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString, new EmulatorOptions { TimeScale = 1 },
            new Dictionary<string, string?> { ["Runway:Timeout"] = "00:00:01.500" });
        var input = GenerationHost.Input();

        var meta = await host.RunAsync(input, TimeSpan.FromSeconds(30));

        var outcome = meta.ReadOutputAs<GenerationOutcome>()!;
        Assert.Equal(GenerationPhase.TimedOut, outcome.Status);
        Assert.Equal(GenerationErrorCodes.TimedOut, outcome.ErrorCode);
        Assert.Contains(outcome.RunwayTaskId!, host.Emulator.Activity.Deletes);
        Assert.True(host.Emulator.Activity.PollsByTask[outcome.RunwayTaskId!] >= 2, "polled more than once (across ContinueAsNew)");
    }

    [Fact]
    public async Task Orchestration_TruncatedDownload_RetriesCopyAndStoresCompleteVideo()
    {
        var options = new EmulatorOptions { TimeScale = 0.001 };
        options.Faults.Download.TruncateNext = 1;
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString, options);
        var input = GenerationHost.Input();

        var meta = await host.RunAsync(input);

        var outcome = meta.ReadOutputAs<GenerationOutcome>()!;
        Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
        Assert.Equal(await host.EmulatorOutputAsync(outcome.RunwayTaskId!), await host.BlobAsync(input.OutputBlobName!));
        Assert.True(host.Emulator.Activity.DownloadsByTask[outcome.RunwayTaskId!] >= 2, "the truncated attempt was retried");
    }

    [Fact]
    public async Task Orchestration_CreditsExhausted_EndsFailedWithoutTask()
    {
        await using var host = await GenerationHost.StartAsync(Azurite.ConnectionString);
        host.Emulator.CreditBalance = 0;
        var input = GenerationHost.Input();

        var meta = await host.RunAsync(input);

        var outcome = meta.ReadOutputAs<GenerationOutcome>()!;
        Assert.Equal(GenerationPhase.Failed, outcome.Status);
        Assert.Equal(GenerationErrorCodes.InsufficientCredits, outcome.ErrorCode);
        Assert.Null(outcome.RunwayTaskId);
        Assert.Empty(host.Emulator.Activity.Creates);
    }

    private static async Task<string> WaitForRunwayTaskAsync(GenerationHost host, string instanceId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var meta = await host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cts.Token);
            if (meta?.ReadCustomStatusAs<GenerationProgress>() is { RunwayTaskId: { } id, Phase: GenerationPhase.Queued or GenerationPhase.Running })
            {
                return id;
            }
            await Task.Delay(50, cts.Token);
        }
    }
}
