using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RunwayRelay.Hosting;

public static class RunwayRelayHostRunExtensions
{
    /// <summary>
    /// Runs the host; when it cannot start because of settings, writes one <see cref="InvalidSettings"/> line per problem
    /// to stderr (which the Functions host records from its worker) and logs each as critical, instead of an unhandled
    /// exception's stack trace, and returns <see cref="InvalidSettings.ExitCode"/>.
    /// </summary>
    public static async Task<int> RunRunwayRelayAsync(this IHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            try
            {
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (InvalidSettings.Describe(e) is { } lines)
            {
                // Logged before the host is disposed, while its logger providers still take messages.
                var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(InvalidSettings).FullName!);
                foreach (string line in lines)
                {
                    await Console.Error.WriteLineAsync(line).ConfigureAwait(false);
                    logger.InvalidSetting(line);
                }
                return InvalidSettings.ExitCode;
            }
            await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return Environment.ExitCode;
        }
        finally
        {
            if (host is IAsyncDisposable asyncHost)
            {
                await asyncHost.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                host.Dispose();
            }
        }
    }
}
