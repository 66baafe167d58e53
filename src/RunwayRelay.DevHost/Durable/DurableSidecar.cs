using DurableTask.AzureStorage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Options;
using Core = DurableTask.Core;

namespace RunwayRelay.DevHost.Durable;

/// <summary>
/// The durable backend Durable Functions uses by default (the Durable Task Framework's Azure Storage provider, on
/// <c>AzureWebJobsStorage</c>), served to the standard gRPC worker and client through <see cref="TaskHubGrpcServer"/>.
/// It listens on the <see cref="SidecarEndpoint"/>. Registered before the durable worker, so it starts first and stops last.
/// </summary>
public sealed class DurableSidecar : IHostedService, IAsyncDisposable
{
    private readonly SidecarEndpoint _endpoint;
    private readonly IConfiguration _configuration;
    private readonly IOptions<DevHostOptions> _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<DurableSidecar> _logger;
    private WebApplication? _server;
    private AzureStorageOrchestrationService? _service;

    public DurableSidecar(SidecarEndpoint endpoint, IConfiguration configuration, IOptions<DevHostOptions> options, ILoggerFactory loggers)
    {
        _endpoint = endpoint;
        _configuration = configuration;
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger<DurableSidecar>();
    }

    public bool IsRunning { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string connection = DevHostStorage.ConnectionString(_configuration);
        var options = _options.Value;
        _service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connection),
            TaskHubName = options.TaskHub,
            PartitionCount = 1,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            ControlQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            LoggerFactory = _loggers,
        });
        try
        {
            await _service.CreateIfNotExistsAsync().WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new DevHostStorageException(
                $"Cannot reach the durable store in AzureWebJobsStorage ({DevHostStorage.Describe(connection)}): is Azurite running? " +
                "scripts/run-local.sh starts it; otherwise set AzureWebJobsStorage to a reachable storage account.", e);
        }

        File.Delete(_endpoint.SocketPath);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.ListenUnixSocket(_endpoint.SocketPath, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = SidecarEndpoint.MaxMessageBytes;
            grpc.MaxSendMessageSize = SidecarEndpoint.MaxMessageBytes;
        });
        builder.Services.AddSingleton<Core.IOrchestrationService>(_service);
        builder.Services.AddSingleton<Core.IOrchestrationServiceClient>(_service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        _server = builder.Build();
        _server.MapGrpcService<TaskHubGrpcServer>();
        // Constructed before start: it runs the dispatchers from ApplicationStarted.
        _ = _server.Services.GetRequiredService<TaskHubGrpcServer>();
        await _server.StartAsync(cancellationToken);
        IsRunning = true;
        _logger.TaskHubStarted(options.TaskHub, DevHostStorage.Describe(connection));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        IsRunning = false;
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken);
        }
        File.Delete(_endpoint.SocketPath);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
