using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace RunwayRelay.Emulator;

/// <summary>
/// Standalone Runway emulator: options from the "Emulator" configuration section (Emulator__* environment variables
/// or --Emulator:Key=value), address from --urls (default http://127.0.0.1:8100).
/// A named entry point rather than top-level statements: hosts that reference this project keep their own Program.
/// </summary>
internal static class EmulatorProgram
{
    public const string DefaultUrl = "http://127.0.0.1:8100";

    public static int Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
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
    }
}
