using System.Runtime.CompilerServices;

namespace RunwayRelay.IntegrationTests.Infrastructure;

/// <summary>
/// The suite starts hundreds of hosts (API, emulator, DevHost processes), and each one's configuration watches its
/// appsettings files. With inotify that is one instance per watcher against a per-user limit of 128 on these
/// machines, which a second test run at the same time exhausts ("The configured user limit (128) on the number of
/// inotify instances has been reached"). Polling watchers use none; child processes inherit the setting.
/// </summary>
internal static class FileWatching
{
    [ModuleInitializer]
    internal static void UsePolling() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
