namespace RunwayRelay.IntegrationTests.Http;

/// <summary>
/// One bad <c>POST /api/generations</c>: the bytes and headers to send, the status it must get, and the
/// <c>errors</c> keys of which at least one must be named (a field path, <c>$</c> for the body, or a header).
/// </summary>
internal sealed record MalformedRequest(string Name, byte[] Body, int ExpectedStatus, IReadOnlyList<string> ExpectedKeys)
{
    public const string Json = "application/json";

    /// <summary>Null sends no Content-Type at all.</summary>
    public string? ContentType { get; init; } = Json;

    public string? IdempotencyKey { get; init; }

    public static MalformedRequest Text(string name, string body, string expectedKey, int status = 400) =>
        new(name, Encoding.UTF8.GetBytes(body), status, [expectedKey]);

    public static MalformedRequest Bytes(string name, byte[] body, params string[] expectedKeys) =>
        new(name, body, 400, expectedKeys);

    /// <summary>What is printed for a failure: the case and a prefix of its body, never megabytes.</summary>
    public override string ToString()
    {
        string text = Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300));
        return $"{Name} [{ContentType ?? "no Content-Type"}{(IdempotencyKey is null ? "" : ", Idempotency-Key")}] {Body.Length} bytes: {text}";
    }
}
