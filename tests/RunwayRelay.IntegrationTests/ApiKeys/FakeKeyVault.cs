using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RunwayRelay.IntegrationTests.ApiKeys;

/// <summary>
/// A minimal Key Vault secrets endpoint on Kestrel over HTTPS (self-signed certificate made here) that speaks the
/// bearer challenge protocol SecretClient needs: the first request gets 401 + WWW-Authenticate, then the token is checked.
/// </summary>
internal sealed class FakeKeyVault : IAsyncDisposable
{
    public const string Token = "fake-vault-token";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Value, string Version)> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private int _challenges;
    private int _authenticatedReads;

    private FakeKeyVault(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public Uri VaultUri { get; private set; } = null!;

    public int Challenges => _challenges;

    public int AuthenticatedReads => _authenticatedReads;

    public void SetSecret(string name, string value) => _secrets[name] = (value, Guid.NewGuid().ToString("N"));

    public static async Task<FakeKeyVault> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(certificate)));
        var app = builder.Build();
        var vault = new FakeKeyVault(app, certificate);

        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization.ToString() != "Bearer " + Token)
            {
                Interlocked.Increment(ref vault._challenges);
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate =
                    "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"";
                return;
            }
            await next(context);
        });
        app.MapGet("/secrets/{name}/{version?}", (string name, HttpContext context) =>
        {
            Interlocked.Increment(ref vault._authenticatedReads);
            return vault._secrets.TryGetValue(name, out var secret)
                ? Results.Json(vault.Bundle(context, name, secret.Value, secret.Version))
                : Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = "SecretNotFound", ["message"] = $"A secret with (name/id) {name} was not found in this key vault." } },
                    statusCode: StatusCodes.Status404NotFound);
        });
        app.MapPut("/secrets/{name}", async (string name, HttpContext context) =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            vault.SetSecret(name, body!["value"]!.GetValue<string>());
            var stored = vault._secrets[name];
            return Results.Json(vault.Bundle(context, name, stored.Value, stored.Version));
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        vault.VaultUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return vault;
    }

    /// <summary>A SecretClient that trusts exactly this vault's certificate and authenticates with a fake token.</summary>
    public SecretClientOptions ClientOptions()
    {
        string thumbprint = Certificate.Thumbprint;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == thumbprint,
        };
        var options = new SecretClientOptions
        {
            DisableChallengeResourceVerification = true,
            Transport = new HttpClientTransport(handler),
        };
        options.Retry.MaxRetries = 0;
        return options;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    private JsonObject Bundle(HttpContext context, string name, string value, string version)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["value"] = value,
            ["id"] = $"{VaultUri}secrets/{name}/{version}",
            ["attributes"] = new JsonObject { ["enabled"] = true, ["created"] = now, ["updated"] = now, ["recoveryLevel"] = "Recoverable" },
        };
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=fake-key-vault", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Round-trip through PFX so Kestrel gets a certificate whose private key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
