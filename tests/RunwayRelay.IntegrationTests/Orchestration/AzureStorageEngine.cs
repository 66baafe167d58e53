using DurableTask.AzureStorage;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Core = DurableTask.Core;

namespace RunwayRelay.IntegrationTests.Orchestration;

/// <summary>
/// The production orchestration on the Durable Task Framework's Azure Storage provider over Azurite, behind the
/// TaskHubGrpcServer sidecar, exactly as the DevHost runs it: the backend whose timers fire early.
/// </summary>
internal sealed class AzureStorageEngine : IAsyncDisposable
{
    private readonly AzureStorageOrchestrationService _service;
    private readonly WebApplication _sidecar;
    private readonly GrpcChannel _channel;
    private readonly IHost _worker;

    private AzureStorageEngine(AzureStorageOrchestrationService service, WebApplication sidecar, GrpcChannel channel, IHost worker)
    {
        _service = service;
        _sidecar = sidecar;
        _channel = channel;
        _worker = worker;
    }

    public IServiceProvider Services => _worker.Services;

    public DurableTaskClient Client => _worker.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<AzureStorageEngine> StartAsync(string storageConnection, RunwayEmulatorServer runway, IDictionary<string, string?> settings)
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnection),
            TaskHubName = "t" + Guid.NewGuid().ToString("N")[..10],
            PartitionCount = 1,
            // The DevHost's default.
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
        });
        await service.CreateIfNotExistsAsync();

        var sidecarBuilder = WebApplication.CreateSlimBuilder();
        sidecarBuilder.Logging.ClearProviders();
        sidecarBuilder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        sidecarBuilder.Services.AddGrpc();
        sidecarBuilder.Services.AddSingleton<Core.IOrchestrationService>(service);
        sidecarBuilder.Services.AddSingleton<Core.IOrchestrationServiceClient>(service);
        sidecarBuilder.Services.AddSingleton<TaskHubGrpcServer>();
        var sidecar = sidecarBuilder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        _ = sidecar.Services.GetRequiredService<TaskHubGrpcServer>();
        await sidecar.StartAsync();
        string address = sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var channel = GrpcChannel.ForAddress(address);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        string suffix = Guid.NewGuid().ToString("N")[..10];
        var values = new Dictionary<string, string?>
        {
            ["Runway:BaseUrl"] = runway.BaseUrl.ToString(),
            ["RUNWAYML_API_SECRET"] = runway.ApiKey,
            ["AzureWebJobsStorage"] = storageConnection,
            ["Output:Container"] = "videos-" + suffix,
            ["Output:SubmissionsContainer"] = "submissions-" + suffix,
            ["Output:PayloadsContainer"] = "payloads-" + suffix,
        };
        foreach (var (k, v) in settings)
        {
            values[k] = v;
        }
        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.ClearProviders();
        builder.Services.AddRunwayRelayOrchestration();
        builder.Services.AddDurableTaskWorker(w => { w.AddTasks(r => r.AddRunwayRelayTasks()); w.UseGrpc(channel); });
        builder.Services.AddDurableTaskClient(c => c.UseGrpc(channel));
        var worker = builder.Build();
        await worker.StartAsync();
        return new AzureStorageEngine(service, sidecar, channel, worker);
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync();
        _worker.Dispose();
        await _sidecar.StopAsync();
        await _sidecar.DisposeAsync();
        _channel.Dispose();
        await _service.DeleteAsync();
    }
}
