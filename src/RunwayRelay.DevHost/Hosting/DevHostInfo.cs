using RunwayRelay.DevHost.Runway;

namespace RunwayRelay.DevHost.Hosting;

/// <summary>What the DevHost decided at start, printed once it listens (<see cref="DevHostBanner"/>).</summary>
public sealed record DevHostInfo(Uri Url, RunwayTarget Runway, string? SigningSecretPath);
