using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Reads a closed activity result by its shape, not by a discriminator: whichever serializer wrote it (the durable
/// engine's, as <c>object</c>; the Functions worker's, as the runtime type), and results that generations in flight
/// recorded before these types existed (one record of nullable fields), all read back as the right case. Property
/// names are matched case-insensitively, whatever naming policy wrote them. Writes the runtime type's own shape.
/// </summary>
public abstract class ClosedResultJsonConverter<T> : JsonConverter<T> where T : class
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"A {typeof(T).Name} must be a JSON object.");
        }
        return Read(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, value, value.GetType(), options);
    }

    /// <summary>The case <paramref name="result"/>'s properties describe.</summary>
    protected abstract T Read(JsonElement result);

    protected static string? String(JsonElement result, string name) =>
        JsonObjectProperties.Find(result, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    protected static double? Number(JsonElement result, string name) =>
        JsonObjectProperties.Find(result, name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    protected static DateTimeOffset? Time(JsonElement result, string name) =>
        JsonObjectProperties.Find(result, name) is { ValueKind: JsonValueKind.String } value && value.TryGetDateTimeOffset(out var time) ? time : null;

    protected static bool? Boolean(JsonElement result, string name) =>
        JsonObjectProperties.Find(result, name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;
}
