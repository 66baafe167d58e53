using Microsoft.Extensions.Configuration;

namespace RunwayRelay.Runway;

/// <summary>
/// Where the Runway API is, decided in one place for the client's options and for the DevHost (which embeds the
/// emulator when nothing is set): <c>Runway__BaseUrl</c>, else <c>RUNWAYML_BASE_URL</c> (the name Runway's SDKs read).
/// </summary>
public static class RunwayBaseUrl
{
    public const string EnvironmentVariable = "RUNWAYML_BASE_URL";

    /// <summary>The configuration key bound to <see cref="RunwayOptions.BaseUrl"/>.</summary>
    public const string SettingKey = RunwayOptions.SectionName + ":BaseUrl";

    /// <summary>The URL text set in either place, trimmed; null when neither is set.</summary>
    public static string? Configured(IConfiguration? configuration) =>
        NonBlank(configuration?[SettingKey]) ?? Fallback(configuration);

    /// <summary><c>RUNWAYML_BASE_URL</c> (configuration, else the process environment) when <c>Runway__BaseUrl</c> is not set; otherwise null.</summary>
    public static string? Fallback(IConfiguration? configuration) =>
        NonBlank(configuration?[SettingKey]) is not null
            ? null
            : NonBlank(configuration?[EnvironmentVariable] ?? Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>The base address requests are resolved against: relative paths like <c>v1/tasks</c> keep a base path only after a slash.</summary>
    public static Uri ForRequests(Uri baseUrl) => UriPaths.WithTrailingSlash(baseUrl);

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
