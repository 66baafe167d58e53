using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace RunwayRelay.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Azure Monitor (Application Insights) gets the telemetry when this is set.</summary>
    public const string ApplicationInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// <c>Authorization=AAD[;ClientId=...]</c>: send with the (user-assigned) managed identity, as the Functions host does;
    /// the template's Application Insights accepts nothing else (local auth off).
    /// </summary>
    public const string ApplicationInsightsAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>An OTLP collector gets the telemetry when this is set (the other <c>OTEL_EXPORTER_OTLP_*</c> variables apply).</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The durable engine's own spans (create_orchestration, orchestration, activity), which carry the trace across the task hub.</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    /// <summary>
    /// OpenTelemetry for either host: the app's spans and metrics (<see cref="RunwayRelayTelemetry"/>,
    /// <see cref="RunwayRelayMetrics"/>), the durable engine's spans, and outgoing HTTP (query strings redacted, the
    /// callback client left out: its URL is the caller's secret). Exported to Azure Monitor when
    /// <see cref="ApplicationInsightsSetting"/> is set, over OTLP when <see cref="OtlpEndpointSetting"/> is set, and
    /// nowhere otherwise. Returns the builder so a host adds its own (ASP.NET Core requests, the Functions worker).
    /// </summary>
    public static IOpenTelemetryBuilder AddRunwayRelayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOpenTelemetry();
        builder.WithTracing(tracing => tracing
                .AddSource(RunwayRelayTelemetry.SourceName, DurableTaskSource)
                .AddHttpClientInstrumentation(http =>
                {
                    http.FilterHttpRequestMessage = request => !TelemetryHttpFilter.IsUntraced(request);
                    http.EnrichWithHttpRequestMessage = (span, request) => TelemetryHttpFilter.Scrub(span, request);
                }))
            .WithMetrics(metrics => metrics
                .AddMeter(RunwayRelayTelemetry.SourceName)
                .AddHttpClientInstrumentation());

        if (configuration[ApplicationInsightsSetting] is { Length: > 0 } connectionString)
        {
            var credential = EntraCredential(configuration[ApplicationInsightsAuthenticationSetting]);
            builder.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = connectionString;
                if (credential is not null)
                {
                    o.Credential = credential;
                }
            });
        }
        if (configuration[OtlpEndpointSetting] is { Length: > 0 })
        {
            builder.UseOtlpExporter();
        }
        return builder;
    }

    private static TokenCredential? EntraCredential(string? authentication)
    {
        if (authentication is null || !authentication.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        string? clientId = authentication.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase))
            .Select(pair => pair[1])
            .FirstOrDefault();
        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }
}
