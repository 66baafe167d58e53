using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunwayRelay.Orchestration;

/// <summary>Reads the object form and the bare task-id string that the activity took before; writes the object form.</summary>
internal sealed class ReadRunwayTaskInputConverter : JsonConverter<ReadRunwayTaskInput>
{
    public override ReadRunwayTaskInput? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new ReadRunwayTaskInput(reader.GetString()!);
        }
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        string? id = JsonObjectProperties.Find(root, "runwayTaskId")?.GetString();
        DateTimeOffset? notBefore = JsonObjectProperties.Find(root, "notBefore") is { ValueKind: JsonValueKind.String } value ? value.GetDateTimeOffset() : null;
        string? traceParent = JsonObjectProperties.Find(root, "traceParent") is { ValueKind: JsonValueKind.String } trace ? trace.GetString() : null;
        return new ReadRunwayTaskInput(id ?? throw new JsonException("runwayTaskId is required."), notBefore) { TraceParent = traceParent };
    }

    public override void Write(Utf8JsonWriter writer, ReadRunwayTaskInput value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("runwayTaskId", value.RunwayTaskId);
        if (value.NotBefore is { } notBefore)
        {
            writer.WriteString("notBefore", notBefore);
        }
        if (value.TraceParent is { } traceParent)
        {
            writer.WriteString("traceParent", traceParent);
        }
        writer.WriteEndObject();
    }
}
