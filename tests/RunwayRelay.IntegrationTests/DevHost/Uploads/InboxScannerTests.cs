using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunwayRelay.DevHost;
using RunwayRelay.DevHost.Uploads;

namespace RunwayRelay.IntegrationTests.DevHost.Uploads;

/// <summary>
/// The DevHost's inbox scanner as a class, with the production starter (AddRunwayRelay), the durable engine, the
/// emulator over HTTP and Azurite. The poison upload is an image in the Archive tier: its properties read fine, but
/// storage refuses to serve its content (409 BlobArchived), so every start of it fails, as it would in Azure.
/// </summary>
public sealed class InboxScannerTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    private const int MaxAttempts = 3;
    private const string Poison = "a-archived.png";
    private static readonly string[] Good = ["b-good.png", "c-good.png"];
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Scan_PoisonUploadFirst_GoodUploadsStartAndThePoisonIsReportedAfterMaxAttemptsThenLeftAlone()
    {
        await using var inbox = await Inbox.StartAsync(Azurite.ConnectionString);
        var etags = await inbox.UploadAsync();
        var scanner = inbox.NewScanner();

        await scanner.ScanAsync(CancellationToken.None);

        foreach (string name in Good)
        {
            Assert.NotNull(await inbox.Host.Client.GetInstanceAsync(GenerationIds.FromBlob(inbox.Name, name, etags[name].ToString())));
        }
        Assert.Equal(1, inbox.Starter.Calls[Poison]);
        var report = inbox.Output.GetBlobClient("a-archived.error.json");
        Assert.False((await report.ExistsAsync()).Value);

        await scanner.ScanAsync(CancellationToken.None);
        Assert.False((await report.ExistsAsync()).Value);
        await scanner.ScanAsync(CancellationToken.None);

        Assert.Equal(MaxAttempts, inbox.Starter.Calls[Poison]);
        var written = await report.DownloadContentAsync();
        using (var json = JsonDocument.Parse(written.Value.Content.ToString()))
        {
            Assert.Equal(Poison, json.RootElement.GetProperty("blob").GetString());
            Assert.Equal(UploadErrorReport.Title, json.RootElement.GetProperty("title").GetString());
            string why = Assert.Single(json.RootElement.GetProperty("errors").GetProperty("upload").EnumerateArray()).GetString()!;
            Assert.Contains("failed 3 times", why, StringComparison.Ordinal);
            Assert.Contains("409 BlobArchived", why, StringComparison.Ordinal);
        }

        await scanner.ScanAsync(CancellationToken.None);
        await scanner.ScanAsync(CancellationToken.None);

        Assert.Equal(MaxAttempts, inbox.Starter.Calls[Poison]);
        Assert.All(Good, name => Assert.Equal(1, inbox.Starter.Calls[name]));
        // One line per failure, no stack traces.
        var lines = inbox.Host.Logs.GetSnapshot().Where(r => r.Category == typeof(InboxScanner).FullName && r.Message.Contains(Poison, StringComparison.Ordinal)).ToList();
        Assert.Equal(MaxAttempts, lines.Count);
        Assert.All(lines, r => Assert.Null(r.Exception));
        Assert.All(lines, r => Assert.DoesNotContain('\n', r.Message));

        // A restarted DevHost remembers nothing, but finds the report about this very version and leaves it alone.
        await inbox.NewScanner().ScanAsync(CancellationToken.None);

        Assert.Equal(MaxAttempts, inbox.Starter.Calls[Poison]);
        Assert.Equal(written.Value.Details.ETag, (await report.GetPropertiesAsync()).Value.ETag);
    }

    [Fact]
    public async Task Scan_ReportNameAlreadyTaken_KeepsTheExistingBlobAndStillGivesUp()
    {
        await using var inbox = await Inbox.StartAsync(Azurite.ConnectionString);
        await inbox.UploadAsync();
        await inbox.Output.CreateIfNotExistsAsync();
        var existing = inbox.Output.GetBlobClient("a-archived.error.json");
        await existing.UploadAsync(BinaryData.FromString("a file of the user's"));
        var scanner = inbox.NewScanner();

        for (int scan = 0; scan < MaxAttempts + 2; scan++)
        {
            await scanner.ScanAsync(CancellationToken.None);
        }

        Assert.Equal(MaxAttempts, inbox.Starter.Calls[Poison]);
        Assert.Equal("a file of the user's", (await existing.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task StartAsync_RefusedUploadWhoseReportNameIsTaken_KeepsTheExistingBlob()
    {
        await using var inbox = await Inbox.StartAsync(Azurite.ConnectionString);
        var notes = inbox.Container.GetBlobClient("notes.txt");
        await notes.UploadAsync(BinaryData.FromString("not an image"));
        await inbox.Output.CreateIfNotExistsAsync();
        var existing = inbox.Output.GetBlobClient("notes.error.json");
        await existing.UploadAsync(BinaryData.FromString("kept"));

        var result = await inbox.Starter.StartAsync(notes, inbox.Host.Client);

        Assert.Equal(BlobGenerationOutcome.Refused, result.Outcome);
        Assert.Equal("kept", (await existing.DownloadContentAsync()).Value.Content.ToString());
    }

    /// <summary>An input container of its own on Azurite, the production registrations and a starter that counts its calls.</summary>
    private sealed class Inbox : IAsyncDisposable
    {
        private Inbox(GenerationHost host, string name)
        {
            Host = host;
            Name = name;
            Storage = host.Services.GetRequiredKeyedService<BlobServiceClient>(VideoStorageClientFactory.ConnectionName);
            Container = Storage.GetBlobContainerClient(name);
            Output = host.OutputContainer;
            Starter = new CountingStarter(host.Services.GetRequiredService<BlobGenerationStarter>());
        }

        public GenerationHost Host { get; }
        public string Name { get; }
        public BlobServiceClient Storage { get; }
        public BlobContainerClient Container { get; }
        public BlobContainerClient Output { get; }
        public CountingStarter Starter { get; }

        public static async Task<Inbox> StartAsync(string connection)
        {
            string name = "inbox-" + Guid.NewGuid().ToString("N")[..10];
            var host = await GenerationHost.StartWebAsync(connection, settings: new Dictionary<string, string?> { ["Input:Container"] = name });
            var inbox = new Inbox(host, name);
            await inbox.Container.CreateIfNotExistsAsync();
            return inbox;
        }

        /// <summary>The poison (first in listing order) and the good images after it; their ETags by name.</summary>
        public async Task<Dictionary<string, Azure.ETag>> UploadAsync()
        {
            var etags = new Dictionary<string, Azure.ETag>();
            foreach (string name in new[] { Poison }.Concat(Good))
            {
                var info = await Container.GetBlobClient(name).UploadAsync(new BinaryData(Png), new BlobUploadOptions
                {
                    Metadata = new Dictionary<string, string> { ["prompt"] = "the cat turns its head" },
                });
                etags[name] = info.Value.ETag;
            }
            await Container.GetBlobClient(Poison).SetAccessTierAsync(AccessTier.Archive);
            return etags;
        }

        /// <summary>A scanner as the DevHost builds it, with no memory of earlier scans (a fresh process).</summary>
        public InboxScanner NewScanner() => new(Starter, Host.Client, Storage,
            Options.Create(new InputOptions { Container = Name }),
            Options.Create(new OutputOptions { Container = Host.OutputContainerName }),
            Options.Create(new DevHostOptions { InboxMaxAttempts = MaxAttempts }),
            Host.Services.GetRequiredService<ILogger<InboxScanner>>());

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    /// <summary>The production starter, counting how often each blob is handed to it.</summary>
    private sealed class CountingStarter(BlobGenerationStarter starter) : IBlobGenerationStarter
    {
        public ConcurrentDictionary<string, int> Calls { get; } = new();

        public Task<BlobGenerationResult> StartAsync(BlobClient blob, DurableTaskClient client, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(blob);
            Calls.AddOrUpdate(blob.Name, 1, (_, n) => n + 1);
            return starter.StartAsync(blob, client, cancellationToken);
        }
    }
}
