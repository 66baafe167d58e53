using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RunwayRelay.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddRunwayRelay();
// The worker's resource (site, region) and no duplicate of what the host reports itself (host.json telemetryMode).
builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
// A bad setting ends the worker with one line per problem (stderr and critical log) instead of a stack trace.
return await builder.Build().RunRunwayRelayAsync();
