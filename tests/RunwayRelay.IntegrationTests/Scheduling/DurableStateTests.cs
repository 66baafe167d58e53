using Azure.Data.Tables;
using Azure.Storage.Queues;
using RunwayRelay.IntegrationTests.DevHost;
using Xunit.Abstractions;

namespace RunwayRelay.IntegrationTests.Scheduling;

/// <summary>
/// Nothing secret or bulky enters durable state: a callback URL carrying <c>sig=</c>, an https promptImage carrying a
/// SAS query and a 5 MiB data URI stay in the payload store, and every history payload and queue message stays small.
/// Checked on the in-memory engine (every payload the data converter writes) and on the Azure Storage backend the
/// DevHost runs (every table row, queue message and task-hub blob in Azurite).
/// </summary>
public sealed class DurableStateTests(AzuriteFixture azurite, ITestOutputHelper output) : AzuriteTestBase(azurite)
{
    /// <summary>A payload above this would not be "ids, names, hashes and small settings".</summary>
    private const int MaxPayloadChars = 64 * 1024;

    private readonly Secrets _secrets = new();

    [Fact]
    public async Task Generations_WithSecretsAndLargeMedia_InMemoryEngine_PayloadsSmallAndSecretFree()
    {
        await using var receiver = await CallbackReceiver.StartAsync(failFirst: 0);
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString, new EmulatorOptions { TimeScale = 0.005 },
            new Dictionary<string, string?> { ["Callbacks:SigningSecret"] = StandardWebhooksNode.Secret, ["Callbacks:AllowLoopback"] = "true" });
        using var http = host.CreateApiClient();

        string withUrl = await PostAsync(http, _secrets.UrlBody(new Uri(receiver.Url, "hooks/done?" + _secrets.CallbackQuery)));
        string withDataUri = await PostAsync(http, _secrets.DataUriBody());

        foreach (string id in new[] { withUrl, withDataUri })
        {
            Assert.Equal(GenerationPhase.Succeeded, (await host.WaitAsync(id)).ReadOutputAs<GenerationOutcome>()!.Status);
        }
        // The delivery runs after the generation completed.
        Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal(2, host.Emulator.Activity.Creates.Count);

        var payloads = host.Payloads.Payloads.ToList();
        output.WriteLine($"{payloads.Count} payloads, largest {payloads.Max(p => p.Length)} characters");
        Assert.All(payloads, p => Assert.True(p.Length < MaxPayloadChars, $"a payload of {p.Length} characters"));
        _secrets.AssertAbsent(payloads, "durable payloads");
        // Requests are gone; only the callback address stays, for redeliveries, until the lifecycle rule.
        Assert.Equal([$"callbacks/{withUrl}.json"], await ListBlobsAsync(host.Services.GetRequiredKeyedService<BlobServiceClient>(VideoStorageClientFactory.ConnectionName)
            .GetBlobContainerClient(host.PayloadsContainerName)));
    }

    [Fact]
    public async Task Generations_WithSecretsAndLargeMedia_AzureStorageBackend_TaskHubSmallAndSecretFree()
    {
        await using var runway = await RunwayEmulatorServer.StartAsync(new EmulatorOptions { TimeScale = 0.005 });
        await using var receiver = await CallbackReceiver.StartAsync(failFirst: 0);
        var settings = DevHostProcess.Settings(Azurite.ConnectionString, runway);
        string hub = settings["DevHost__TaskHub"]!;
        string payloadsContainer = "payloads-" + hub[^10..];
        settings["Output__PayloadsContainer"] = payloadsContainer;
        // Messages are visible only until a dispatcher takes them; idle dispatchers that poll less often leave them
        // visible long enough to be peeked. (Every message's payload is also in the History table scanned below.)
        settings["DevHost__MaxQueuePollingInterval"] = "00:00:02";
        await using var devhost = await DevHostProcess.StartAsync(settings);
        var queues = new QueueServiceClient(Azurite.ConnectionString);
        using var watching = new CancellationTokenSource();
        var messages = WatchQueuesAsync(queues, hub, watching.Token);

        var ids = new List<string>();
        foreach (string body in new[] { _secrets.UrlBody(new Uri(receiver.Url, "hooks/done?" + _secrets.CallbackQuery)), _secrets.DataUriBody() })
        {
            using var response = await devhost.Http.PostAsync("/api/generations", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
            ids.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
        }
        foreach (string id in ids)
        {
            var (status, final) = await devhost.FollowAsync(id, TimeSpan.FromSeconds(90));
            Assert.True(status == 200, $"{status} {final}\n{devhost.Output}");
        }
        // The delivery runs after the generation completed.
        await receiver.WaitForAsync(1);
        await Task.Delay(500);
        await watching.CancelAsync();
        var queued = await messages;

        var rows = await ReadTablesAsync(new TableServiceClient(Azurite.ConnectionString), hub);
        var blobs = new BlobServiceClient(Azurite.ConnectionString);
        var hubBlobs = new List<string>();
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: hub.ToLowerInvariant()))
        {
            foreach (string name in await ListBlobsAsync(blobs.GetBlobContainerClient(container.Name)))
            {
                var content = await blobs.GetBlobContainerClient(container.Name).GetBlobClient(name).DownloadContentAsync();
                hubBlobs.Add($"{container.Name}/{name}: {content.Value.Content}");
            }
        }
        output.WriteLine($"{rows.Count} table rows (largest {rows.Max(r => r.Length)} characters), {queued.Count} queue messages " +
            $"(largest {queued.DefaultIfEmpty("").Max(m => m.Length)}), {hubBlobs.Count} task-hub blobs");

        Assert.True(rows.Count > 10, "the History and Instances tables were read");
        Assert.True(queued.Count > 0, "queue messages were seen");
        Assert.All(rows, r => Assert.True(r.Length < MaxPayloadChars, $"a table row of {r.Length} characters"));
        Assert.All(queued, m => Assert.True(m.Length < MaxPayloadChars, $"a queue message of {m.Length} characters"));
        Assert.DoesNotContain(hubBlobs, b => b.Contains("largemessages", StringComparison.Ordinal));
        _secrets.AssertAbsent(rows, "table rows");
        _secrets.AssertAbsent(queued, "queue messages");
        _secrets.AssertAbsent(hubBlobs, "task-hub blobs");
        Assert.Single(receiver.Received);
        Assert.Equal(2, runway.Activity.Creates.Count);
        Assert.Equal([$"callbacks/{ids[0]}.json"], await ListBlobsAsync(blobs.GetBlobContainerClient(payloadsContainer)));
    }

    private static async Task<string> PostAsync(HttpClient http, string body)
    {
        using var response = await http.PostAsync("/api/generations", new StringContent(body, Encoding.UTF8, "application/json"));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Every message the task hub's queues hold while the generations run (they are deleted once handled).</summary>
    private static async Task<List<string>> WatchQueuesAsync(QueueServiceClient queues, string hub, CancellationToken stop)
    {
        var seen = new Dictionary<string, string>();
        while (!stop.IsCancellationRequested)
        {
            await foreach (var queue in queues.GetQueuesAsync(prefix: hub.ToLowerInvariant(), cancellationToken: CancellationToken.None))
            {
                var peeked = await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32, CancellationToken.None);
                foreach (var message in peeked.Value)
                {
                    seen.TryAdd(queue.Name + "/" + message.MessageId, message.Body.ToString());
                }
            }
            try
            {
                await Task.Delay(5, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return [.. seen.Values];
    }

    private static async Task<List<string>> ReadTablesAsync(TableServiceClient tables, string hub)
    {
        var rows = new List<string>();
        await foreach (var table in tables.QueryAsync(t => t.Name.CompareTo(hub) >= 0))
        {
            if (!table.Name.StartsWith(hub, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                rows.Add(string.Join("|", entity.Select(p => $"{p.Key}={p.Value}")));
            }
        }
        return rows;
    }

    private static async Task<List<string>> ListBlobsAsync(BlobContainerClient container)
    {
        var names = new List<string>();
        if (!await container.ExistsAsync())
        {
            return names;
        }
        await foreach (var blob in container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }
        return names;
    }

    /// <summary>Values that must never be found in durable state, each random so no other test can produce it.</summary>
    private sealed class Secrets
    {
        private readonly string _callbackSig = "cb" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        private readonly string _sasSig = "sas" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        private readonly string _dataUri;

        public Secrets()
        {
            const string prefix = "data:image/png;base64,";
            int bytes = (RunwayRequestValidator.MaxImageDataUriLength - prefix.Length) / 4 * 3;
            _dataUri = prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));
        }

        public string CallbackQuery => $"sv=2025-01-05&sig={_callbackSig}";

        /// <summary>A stretch from the middle of the data URI: finding it anywhere means the media was stored.</summary>
        private string DataUriSample => _dataUri.Substring(_dataUri.Length / 2, 48);

        public string UrlBody(Uri callbackUrl) => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["endpoint"] = "image_to_video",
            ["model"] = "gen4_turbo",
            ["promptText"] = "a cat on a fence",
            ["promptImage"] = $"https://images.example.com/cat.png?sv=2025-01-05&se=2030-01-01&sr=b&sp=r&sig={_sasSig}",
            ["ratio"] = "1280:720",
            ["duration"] = 5,
            ["callbackUrl"] = callbackUrl.AbsoluteUri,
        });

        public string DataUriBody() => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["endpoint"] = "image_to_video",
            ["model"] = "gen4_turbo",
            ["promptText"] = "a dog in the rain",
            ["promptImage"] = _dataUri,
            ["ratio"] = "1280:720",
            ["duration"] = 5,
        });

        public void AssertAbsent(IEnumerable<string> texts, string where)
        {
            foreach (string text in texts)
            {
                Assert.False(text.Contains(_callbackSig, StringComparison.Ordinal), $"the callback URL's sig in {where}");
                Assert.False(text.Contains(_sasSig, StringComparison.Ordinal), $"the promptImage SAS in {where}");
                Assert.False(text.Contains(DataUriSample, StringComparison.Ordinal), $"the data URI in {where}");
            }
        }
    }
}
