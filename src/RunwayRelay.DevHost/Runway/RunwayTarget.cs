using RunwayRelay.ApiKeys;
using RunwayRelay.Runway;

namespace RunwayRelay.DevHost.Runway;

/// <summary>
/// Which Runway the DevHost talks to: the one named by <c>Runway__BaseUrl</c> / <c>RUNWAYML_BASE_URL</c>, or else the
/// emulator embedded under <see cref="EmbeddedPrefix"/>, with a key of its own so no credits can be spent by accident.
/// </summary>
public sealed record RunwayTarget(bool Embedded, Uri BaseUrl)
{
    public const string EmbeddedPrefix = "/runway";

    public static RunwayTarget Decide(IConfiguration configuration, Uri devHostUrl)
    {
        if (RunwayBaseUrl.Configured(configuration) is { } configured)
        {
            // An unusable URL is reported by the Runway options validation at start, in its own words.
            return new RunwayTarget(false, Uri.TryCreate(configured, UriKind.Absolute, out var uri) ? uri : new Uri(RunwayOptions.DefaultBaseUrl));
        }
        return new RunwayTarget(true, new Uri(devHostUrl.GetLeftPart(UriPartial.Authority) + EmbeddedPrefix));
    }

    /// <summary>Settings that point the client at the embedded emulator with a fresh, well-formed key (never printed).</summary>
    public IEnumerable<KeyValuePair<string, string?>> EmbeddedSettings()
    {
        if (!Embedded)
        {
            yield break;
        }
        yield return new(RunwayBaseUrl.SettingKey, BaseUrl.AbsoluteUri);
        yield return new(RunwayApiKeyProvider.EnvironmentVariable, RunwayRelay.Emulator.RunwayEmulatorServer.CreateApiKey());
    }
}
