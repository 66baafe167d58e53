using System.Text.Json;

namespace RunwayRelay.Orchestration;

/// <summary>
/// Property lookup for the durable-payload converters: case-insensitive, because the durable engine's serializer and
/// the Functions worker's write the same record with different naming policies.
/// </summary>
internal static class JsonObjectProperties
{
    public static JsonElement? Find(JsonElement obj, string name)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        return null;
    }
}
