using RunwayRelay.ApiKeys;

namespace RunwayRelay.DevHost.Runway;

/// <summary>
/// Reads the Runway key once at start, so a missing or malformed key stops the DevHost with the provider's one-line
/// explanation instead of failing every generation later.
/// </summary>
public sealed class RunwayKeyCheck(IRunwayApiKeyProvider keys, ILogger<RunwayKeyCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var key = await keys.GetAsync(cancellationToken);
            logger.RunwayApiKeyReady(key.Fingerprint);
        }
        catch (RunwayApiKeyException e)
        {
            throw new DevHostConfigurationException(e.Message, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
