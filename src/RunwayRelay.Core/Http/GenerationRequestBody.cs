namespace RunwayRelay.Http;

/// <summary>
/// The <c>POST /api/generations</c> body as read, before it is judged: every field optional and loosely typed, so the
/// reader can name every problem at once instead of stopping at the first, as a serializer would. Values are kept by
/// field name (Runway's camelCase, plus <c>endpoint</c>, <c>outputBlobName</c>, <c>callbackUrl</c> and
/// <c>callbackEvents</c>), each as the type <see cref="GenerationRequestContract.FieldTypes"/> gives it, so a field added to
/// a request record travels through here without a property of its own.
/// </summary>
public sealed record GenerationRequestBody
{
    private static readonly IReadOnlyDictionary<string, object> NoValues = new Dictionary<string, object>(StringComparer.Ordinal);

    /// <summary>The fields that were given and read, by name; a field that could not be read is absent (the reader said why).</summary>
    public IReadOnlyDictionary<string, object> Values { get; init; } = NoValues;

    private readonly IReadOnlySet<string>? _present;

    /// <summary>
    /// Names of the fields the body carried with a non-null value (read or not), in the order given, to tell which ones an
    /// endpoint does not take. The reader sets it; a body built in code carries the fields it has values for.
    /// </summary>
    public IReadOnlySet<string> Present
    {
        get => _present ?? new HashSet<string>(Values.Keys, StringComparer.Ordinal);
        init => _present = value;
    }

    public string? Endpoint => Get<string>(GenerationFields.Endpoint);

    public string? OutputBlobName => Get<string>(GenerationFields.OutputBlobName);

    public string? CallbackUrl => Get<string>(GenerationFields.CallbackUrl);

    public IReadOnlyList<string>? CallbackEvents => Get<IReadOnlyList<string>>(GenerationFields.CallbackEvents);

    /// <summary>The value read for <paramref name="field"/>, or the default when it was not given or not readable.</summary>
    public T? Get<T>(string field) => Values.TryGetValue(field, out var value) ? (T)value : default;
}
