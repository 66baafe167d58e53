using RunwayRelay.ApiKeys;

namespace RunwayRelay.DevHost.Runway;

/// <summary>
/// Reads the Runway key once at start, so a missing or malformed key stops the DevHost with the provider's one-line
/// explanation instead of failing every generation later.
/// </summary>
public sealed partial class RunwayKeyCheck(IRunwayApiKeyProvider keys, IHostApplicationLifetime lifetime, ILogger<RunwayKeyCheck> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var key = await keys.GetAsync(stoppingToken);
            LogKeyReady(logger, key.Fingerprint);
        }
        catch (RunwayApiKeyException e)
        {
            LogKeyUnusable(logger, e.Message);
            Environment.ExitCode = DevHostExitCodes.Configuration;
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Runway API key ready (fingerprint {Fingerprint})")]
    private static partial void LogKeyReady(ILogger logger, string fingerprint);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Problem}")]
    private static partial void LogKeyUnusable(ILogger logger, string problem);
}
