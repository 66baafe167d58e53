using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using RunwayRelay.Emulator.Admin;
using RunwayRelay.Emulator.Tasks;

namespace RunwayRelay.Emulator;

/// <summary>
/// A Runway emulator on its own Kestrel server bound to 127.0.0.1 on a free port, for tests:
/// <code>
/// await using var runway = await RunwayEmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0.001 });
/// // point the client at runway.BaseUrl with runway.ApiKey
/// Assert.Single(runway.Activity.Creates);
/// </code>
/// </summary>
public sealed class RunwayEmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RunwayEmulatorControl _control;

    private RunwayEmulatorServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        _control = app.Services.GetRequiredService<RunwayEmulatorControl>();
        ApiKey = CreateApiKey();
    }

    /// <summary>The emulator's root, e.g. <c>http://127.0.0.1:41234/</c> (use as RUNWAYML_BASE_URL).</summary>
    public Uri BaseUrl { get; }

    /// <summary>A freshly generated, well-formed key this emulator accepts (any well-formed key is accepted).</summary>
    public string ApiKey { get; }

    /// <summary>The live options: change fault rates, timings or outcomes at any time.</summary>
    public EmulatorOptions Options => _control.Options;

    /// <summary>What the emulator received so far.</summary>
    public EmulatorActivity Activity => _control.Activity;

    /// <summary>When each task was created, started and ended (also <c>GET /_emulator/tasks</c>).</summary>
    public IReadOnlyList<TaskTimeline> Tasks => _control.Tasks;

    /// <summary>The organization's credit balance; set it to 0 to make creates fail for lack of credits.</summary>
    public long CreditBalance
    {
        get => _control.CreditBalance;
        set => _control.CreditBalance = value;
    }

    public IServiceProvider Services => _app.Services;

    public static Task<RunwayEmulatorServer> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(options, timeProvider: null, cancellationToken);

    /// <param name="timeProvider">The emulator's clock (task timings, URL expiry, daily quota); the system clock when null.</param>
    public static async Task<RunwayEmulatorServer> StartAsync(EmulatorOptions? options, TimeProvider? timeProvider, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }
        builder.Services.AddRunwayEmulator(options ?? new EmulatorOptions());
        var app = builder.Build();
        app.MapRunwayEmulator();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunwayEmulatorServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>A syntactically valid Runway key (<c>key_</c> + 128 lowercase hex) made from random bytes.</summary>
    public static string CreateApiKey() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(64));

    /// <summary>How the emulator identifies a key in <see cref="Activity"/>: lowercase hex SHA-256.</summary>
    public static string KeyFingerprint(string apiKey) => RequestJournal.Fingerprint(apiKey);

    /// <summary>Forgets every task, request and charge.</summary>
    public void Reset() => _control.Reset();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
