using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>Reads and writes a <see cref="RunwayTaskStatus"/> as the plain string Runway sent, whatever it is.</summary>
public sealed class RunwayTaskStatusJsonConverter : JsonConverter<RunwayTaskStatus>
{
    public override RunwayTaskStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? new RunwayTaskStatus(reader.GetString()!)
            : throw new JsonException($"A Runway task status must be a JSON string, not {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, RunwayTaskStatus value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
