using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RunwayRelay.Runway;

namespace RunwayRelay.Http;

/// <summary>
/// Which fields the <c>POST /api/generations</c> body takes and which endpoint takes each, read once from the typed
/// contract: the endpoints are the <c>[JsonDerivedType]</c>s of <see cref="RunwayGenerationRequest"/>, an endpoint's
/// fields its record's JSON properties, plus the relay's own fields. A property added to a record is thereby read,
/// refused on the other endpoints, set on the typed request and listed in the OpenAPI document; what is left to write
/// is its per-model rule and its schema description (GenerationRequestSchemas asks for one).
/// </summary>
internal static class GenerationRequestContract
{
    /// <summary>Fields of the relay, not of Runway: taken by every endpoint and never sent to Runway.</summary>
    private static readonly (string Name, Type Type)[] RelayFieldsFirst = [(GenerationFields.Endpoint, typeof(string))];

    private static readonly (string Name, Type Type)[] RelayFieldsLast =
    [
        (GenerationFields.OutputBlobName, typeof(string)),
        (GenerationFields.CallbackUrl, typeof(string)),
        (GenerationFields.CallbackEvents, typeof(IReadOnlyList<string>)),
    ];

    /// <summary>
    /// The order in which problems and docs/openapi.json have always listed Runway's fields (most asked-for first);
    /// a field not named here follows them, in its record's order, so a new field needs no entry.
    /// </summary>
    private static readonly string[] DisplayOrder =
    [
        GenerationFields.Model, GenerationFields.PromptText, GenerationFields.PromptImage, GenerationFields.VideoUri,
        GenerationFields.PromptVideo, GenerationFields.Ratio, GenerationFields.Duration, GenerationFields.Seed, GenerationFields.Audio,
        GenerationFields.NegativePrompt, GenerationFields.ContentModeration, GenerationFields.References, GenerationFields.ReferenceImages,
        GenerationFields.Keyframes, GenerationFields.TargetAspectRatio, GenerationFields.Resolution,
    ];

    /// <summary>Each endpoint's record, in the order of <see cref="RunwayEndpoints.All"/>.</summary>
    private static readonly IReadOnlyDictionary<string, Record> Records = ReadRecords();

    /// <summary>Every field with the type its value is read as.</summary>
    public static IReadOnlyDictionary<string, Type> FieldTypes { get; } = ReadFieldTypes();

    /// <summary>Every field, in display order: <c>endpoint</c>, Runway's fields, then the relay's own.</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        .. RelayFieldsFirst.Select(f => f.Name),
        .. DisplayOrder.Where(FieldTypes.ContainsKey),
        .. FieldTypes.Keys.Where(f => !IsRelayField(f)).Except(DisplayOrder),
        .. RelayFieldsLast.Select(f => f.Name),
    ];

    /// <summary>Which endpoints take each field; a field sent to another endpoint is an error, not silently dropped.</summary>
    public static IReadOnlyDictionary<string, string[]> EndpointsOf { get; } = Fields.ToDictionary(
        f => f,
        f => IsRelayField(f) ? [.. Records.Keys] : Records.Where(r => r.Value.Fields.Any(p => p.Name == f)).Select(r => r.Key).ToArray(),
        StringComparer.Ordinal);

    /// <summary>The endpoint's request with the given Runway field values (by JSON name, typed as <see cref="FieldTypes"/> says).</summary>
    public static RunwayGenerationRequest Create(string endpoint, IReadOnlyDictionary<string, object> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!Records.TryGetValue(endpoint, out var record))
        {
            throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "Unknown Runway endpoint.");
        }
        var request = (RunwayGenerationRequest)record.Type.CreateObject!();
        foreach (var property in record.Fields)
        {
            if (values.TryGetValue(property.Name, out var value))
            {
                property.Set!(request, value);
            }
            else if (property.IsRequired && property.PropertyType == typeof(string))
            {
                // Left out, a required string (model) is empty rather than null, so the validator names it as required.
                property.Set!(request, "");
            }
        }
        return request;
    }

    /// <summary>The record's properties a body sets: settable and not always ignored (the <c>Endpoint</c> discriminator is neither).</summary>
    private static Record RecordOf(JsonTypeInfo type) => new(type, [.. type.Properties.Where(p => p.Set is not null
        && p.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true) is not [JsonIgnoreAttribute { Condition: JsonIgnoreCondition.Always }])]);

    private static bool IsRelayField(string field) => RelayFieldsFirst.Concat(RelayFieldsLast).Any(f => f.Name == field);

    private static Dictionary<string, Record> ReadRecords()
    {
        var polymorphism = JsonSerializerOptions.Default.GetTypeInfo(typeof(RunwayGenerationRequest)).PolymorphismOptions
            ?? throw new InvalidOperationException($"{nameof(RunwayGenerationRequest)} must list its endpoints as [JsonDerivedType]s.");
        var records = polymorphism.DerivedTypes.ToDictionary(
            d => (string)d.TypeDiscriminator!, d => RecordOf(JsonSerializerOptions.Default.GetTypeInfo(d.DerivedType)), StringComparer.Ordinal);
        if (!records.Keys.SequenceEqual(RunwayEndpoints.All))
        {
            throw new InvalidOperationException($"The [JsonDerivedType]s of {nameof(RunwayGenerationRequest)} ({string.Join(", ", records.Keys)}) " +
                $"must be {nameof(RunwayEndpoints)}.{nameof(RunwayEndpoints.All)} ({string.Join(", ", RunwayEndpoints.All)}), in that order.");
        }
        return records;
    }

    private static Dictionary<string, Type> ReadFieldTypes()
    {
        var types = RelayFieldsFirst.Concat(RelayFieldsLast).ToDictionary(f => f.Name, f => f.Type, StringComparer.Ordinal);
        foreach (var (endpoint, record) in Records)
        {
            foreach (var property in record.Fields)
            {
                if (!types.TryAdd(property.Name, property.PropertyType) && types[property.Name] != property.PropertyType)
                {
                    throw new InvalidOperationException($"The request field '{property.Name}' is a {types[property.Name].Name} on one endpoint " +
                        $"and a {property.PropertyType.Name} on {endpoint}; one name must mean one type.");
                }
            }
        }
        return types;
    }

    private sealed record Record(JsonTypeInfo Type, IReadOnlyList<JsonPropertyInfo> Fields);
}
