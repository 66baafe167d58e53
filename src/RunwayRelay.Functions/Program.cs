using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using RunwayRelay.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddRunwayRelay();
// A bad setting ends the worker with one line per problem (stderr and critical log) instead of a stack trace.
return await builder.Build().RunRunwayRelayAsync();
