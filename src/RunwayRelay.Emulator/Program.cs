using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using RunwayRelay.Emulator;

// Standalone Runway emulator: options from the "Emulator" configuration section
// (appsettings.json, Emulator__* environment variables or --Emulator:Key=value), address from --urls.
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:8100");
}
builder.Services.AddRunwayEmulator();

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
