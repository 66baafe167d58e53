using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunwayRelay.Orchestration;

/// <summary>Writes a <see cref="GenerationErrorCode"/> as its plain string, as the durable records and answers carry it.</summary>
public sealed class GenerationErrorCodeJsonConverter : JsonConverter<GenerationErrorCode>
{
    public override GenerationErrorCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? new GenerationErrorCode(reader.GetString()!)
            : throw new JsonException($"An error code is a JSON string, not {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, GenerationErrorCode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
