using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunwayRelay.Common;

/// <summary>Reads and writes an <see cref="IExtensibleEnum{TSelf}"/> as its plain string, whatever the value is.</summary>
public sealed class ExtensibleEnumJsonConverter<T> : JsonConverter<T>
    where T : struct, IExtensibleEnum<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? T.FromString(reader.GetString()!)
            : throw new JsonException($"A {typeof(T).Name} must be a JSON string, not {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
