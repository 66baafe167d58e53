using System.Collections.Concurrent;
using Azure.Core;

namespace RunwayRelay.IntegrationTests.ApiKeys;

/// <summary>Hands out a fixed token and records what was asked for (scope, tenant from the challenge).</summary>
internal sealed class FakeTokenCredential : TokenCredential
{
    private readonly ConcurrentQueue<TokenRequestContext> _requests = new();

    public IReadOnlyCollection<TokenRequestContext> Requests => _requests;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        _requests.Enqueue(requestContext);
        return new AccessToken(FakeKeyVault.Token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
