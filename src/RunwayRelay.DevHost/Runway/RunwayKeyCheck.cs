using RunwayRelay.ApiKeys;

namespace RunwayRelay.DevHost.Runway;

/// <summary>
/// Reads the Runway key once at start, so a missing or malformed key stops the DevHost with the provider's one-line
/// explanation instead of failing every generation later.
/// </summary>
public sealed partial class RunwayKeyCheck(IRunwayApiKeyProvider keys, ILogger<RunwayKeyCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var key = await keys.GetAsync(cancellationToken);
            LogKeyReady(logger, key.Fingerprint);
        }
        catch (RunwayApiKeyException e)
        {
            throw new DevHostConfigurationException(e.Message, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Runway API key ready (fingerprint {Fingerprint})")]
    private static partial void LogKeyReady(ILogger logger, string fingerprint);
}
