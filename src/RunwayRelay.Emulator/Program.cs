using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using RunwayRelay.Emulator;

// Standalone Runway emulator: options from the "Emulator" configuration section
// (Emulator__* environment variables or --Emulator:Key=value), address from --urls.
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:8100");
}
// Request logs would carry signed output URLs (signature in the query); keep them out.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
builder.Services.AddRunwayEmulator();

try
{
    var app = builder.Build();
    app.MapRunwayEmulator();
    app.Lifetime.ApplicationStarted.Register(() =>
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        foreach (var address in addresses)
        {
            Console.WriteLine($"Runway emulator listening on {address} (set RUNWAYML_BASE_URL={address})");
        }
    });
    app.Run();
    return 0;
}
catch (OptionsValidationException e)
{
    foreach (var failure in e.Failures)
    {
        Console.Error.WriteLine($"Invalid emulator setting: {failure}");
    }
    return 2;
}
