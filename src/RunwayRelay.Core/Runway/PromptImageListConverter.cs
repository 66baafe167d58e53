using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunwayRelay.Runway;

/// <summary>Runway's <c>promptImage</c> is a URI string or an array of <c>{uri, position}</c>.</summary>
public sealed class PromptImageListConverter : JsonConverter<IReadOnlyList<PromptImage>>
{
    public override IReadOnlyList<PromptImage> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.String
            ? [new PromptImage(reader.GetString()!)]
            : JsonSerializer.Deserialize<List<PromptImage>>(ref reader, options) ?? [];

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<PromptImage> value, JsonSerializerOptions options)
    {
        if (value is [{ Position: null } single])
        {
            writer.WriteStringValue(single.Uri);
            return;
        }
        JsonSerializer.Serialize(writer, value.ToList(), options);
    }
}
