using System.Net;
using DurableTask.AzureStorage;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RunwayRelay.Emulator;
using RunwayRelay.Generations;
using RunwayRelay.IntegrationTests.Infrastructure;
using RunwayRelay.Orchestration;
using RunwayRelay.Scheduling;
using Core = DurableTask.Core;

namespace RunwayRelay.IntegrationTests.Orchestration;

/// <summary>
/// The same orchestration on the Durable Task Framework's Azure Storage provider (Durable Functions' default backend)
/// over Azurite, through the TaskHubGrpcServer sidecar, as the DevHost runs it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageBackendTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Orchestration_OnAzureStorageBackend_CompletesWithOneSubmission()
    {
        await using var runway = await RunwayEmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0.01 });
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(azurite.ConnectionString),
            TaskHubName = "t" + Guid.NewGuid().ToString("N")[..10],
            PartitionCount = 1,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100),
        });
        await service.CreateIfNotExistsAsync();

        var sidecarBuilder = WebApplication.CreateSlimBuilder();
        sidecarBuilder.Logging.ClearProviders();
        sidecarBuilder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        sidecarBuilder.Services.AddGrpc();
        sidecarBuilder.Services.AddSingleton<Core.IOrchestrationService>(service);
        sidecarBuilder.Services.AddSingleton<Core.IOrchestrationServiceClient>(service);
        sidecarBuilder.Services.AddSingleton<TaskHubGrpcServer>();
        await using var sidecar = sidecarBuilder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        _ = sidecar.Services.GetRequiredService<TaskHubGrpcServer>();
        await sidecar.StartAsync();
        string address = sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var channel = GrpcChannel.ForAddress(address);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        string suffix = Guid.NewGuid().ToString("N")[..10];
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runway:BaseUrl"] = runway.BaseUrl.ToString(),
            ["RUNWAYML_API_SECRET"] = runway.ApiKey,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Output:Container"] = "videos-" + suffix,
            ["Output:SubmissionsContainer"] = "submissions-" + suffix,
            ["Output:PayloadsContainer"] = "payloads-" + suffix,
            ["Runway:PollInterval"] = "00:00:00.050",
            ["Runway:MaxPollInterval"] = "00:00:00.200",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddRunwayRelayOrchestration();
        builder.Services.AddDurableTaskWorker(w => { w.AddTasks(r => r.AddRunwayRelayTasks()); w.UseGrpc(channel); });
        builder.Services.AddDurableTaskClient(c => c.UseGrpc(channel));
        using var worker = builder.Build();
        await worker.StartAsync();
        try
        {
            var client = worker.Services.GetRequiredService<DurableTaskClient>();
            var input = GenerationHost.Input();
            Assert.IsType<Scheduled>(await worker.Services.GetRequiredService<GenerationScheduler>().ScheduleAsync(client, input, OutputNamePolicy.Exact));
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var meta = await client.WaitForInstanceCompletionAsync(input.GenerationId, getInputsAndOutputs: true, cts.Token);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, meta.RuntimeStatus);
            var outcome = meta.ReadOutputAs<GenerationOutcome>()!;
            Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
            Assert.Equal(input.OutputBlobName, Assert.Single(outcome.Videos).Name);
            Assert.Single(runway.Activity.Creates);
            Assert.True(runway.Activity.PollsByTask[outcome.RunwayTaskId!] >= 2, "polled across ContinueAsNew");
        }
        finally
        {
            await worker.StopAsync();
            await sidecar.StopAsync();
            await service.DeleteAsync();
        }
    }
}
