using Azure.Core;
using Microsoft.Extensions.Options;

namespace RunwayRelay.IntegrationTests.Storage;

/// <summary>The submission ledger on Azurite, including the storage SDK's own retries.</summary>
public sealed class SubmissionLedgerTests(AzuriteFixture azurite) : AzuriteTestBase(azurite)
{
    private readonly string _container = "submissions-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task TryClaimAsync_CreateResponseLostAndRetriedBySdk_ClaimantMayPost()
    {
        string generationId = "gen-" + Guid.NewGuid().ToString("N")[..12];
        var lose = new LoseResponsePolicy(m =>
            m.Request.Method == RequestMethod.Put && m.Request.Uri.Path.EndsWith(generationId + ".json", StringComparison.Ordinal)
            && m.Response.Status == 201);
        var options = new BlobClientOptions { Retry = { Delay = TimeSpan.FromMilliseconds(10), MaxRetries = 3 } };
        options.AddPolicy(lose, HttpPipelinePosition.PerRetry);
        var ledger = Ledger(new BlobServiceClient(Azurite.ConnectionString, options));

        var earlier = await ledger.TryClaimAsync(generationId, DateTimeOffset.UtcNow);

        Assert.Equal(1, lose.Lost);
        Assert.Null(earlier);
        // The record really is there, so a later attempt is still blocked.
        var record = await Ledger(new BlobServiceClient(Azurite.ConnectionString)).GetAsync(generationId);
        Assert.Equal(SubmissionState.Submitting, record!.State);
        Assert.NotNull(record.ClaimToken);
    }

    [Fact]
    public async Task TryClaimAsync_ClaimedByAnotherAttempt_ReturnsTheirRecord()
    {
        string generationId = "gen-" + Guid.NewGuid().ToString("N")[..12];
        var storage = new BlobServiceClient(Azurite.ConnectionString);
        var claimedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        Assert.Null(await Ledger(storage).TryClaimAsync(generationId, claimedAt));

        var earlier = await Ledger(storage).TryClaimAsync(generationId, DateTimeOffset.UtcNow);

        Assert.NotNull(earlier);
        Assert.Equal(SubmissionState.Submitting, earlier.State);
        Assert.Equal(claimedAt, earlier.UpdatedAt);
    }

    [Fact]
    public async Task TryClaimAsync_RecordWrittenBeforeClaimTokens_StillBlocks()
    {
        string generationId = "gen-" + Guid.NewGuid().ToString("N")[..12];
        var storage = new BlobServiceClient(Azurite.ConnectionString);
        var container = storage.GetBlobContainerClient(_container);
        await container.CreateIfNotExistsAsync();
        // Exactly what the ledger wrote before the claim token existed.
        await container.GetBlobClient(generationId + ".json").UploadAsync(BinaryData.FromString(
            $$"""{"generationId":"{{generationId}}","state":"submitting","updatedAt":"2026-11-30T10:00:00+00:00","runwayTaskId":null,"errorCode":null,"errorMessage":null}"""));

        var earlier = await Ledger(storage).TryClaimAsync(generationId, DateTimeOffset.UtcNow);

        Assert.NotNull(earlier);
        Assert.Equal(SubmissionState.Submitting, earlier.State);
        Assert.Null(earlier.ClaimToken);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), earlier.UpdatedAt);
    }

    private SubmissionLedger Ledger(BlobServiceClient storage) =>
        new(storage, Options.Create(new OutputOptions { SubmissionsContainer = _container }));
}
