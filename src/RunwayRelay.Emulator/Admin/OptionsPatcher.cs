using System.Text.Json;
using System.Text.Json.Nodes;
using RunwayRelay.Emulator.Hosting;
using RunwayRelay.Emulator.Http;

namespace RunwayRelay.Emulator.Admin;

/// <summary>Applies a JSON merge patch (RFC 7386 style) to the live options, for tests of the standalone emulator.</summary>
internal static class OptionsPatcher
{
    private static readonly JsonSerializerOptions Json = new(RunwayResults.Json) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never };

    /// <summary>The options without the signing key, and with disabled keys as fingerprints.</summary>
    public static JsonNode Public(EmulatorOptions options)
    {
        var node = JsonSerializer.SerializeToNode(options, Json)!.AsObject();
        node.Remove("signingKey");
        node["disabledKeys"] = new JsonArray([.. options.DisabledKeys.Select(k => (JsonNode?)(k.StartsWith("key_", StringComparison.Ordinal) ? RequestJournal.Fingerprint(k) : k))]);
        return node;
    }

    /// <returns>null when applied, else what was wrong.</returns>
    public static string? Apply(EmulatorOptions live, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return "Send a JSON object with the options to change, e.g. {\"faults\": {\"create\": {\"serverErrorNext\": 1}}}.";
        }
        var merged = JsonSerializer.SerializeToNode(live, Json)!;
        Merge(merged.AsObject(), JsonNode.Parse(patch.GetRawText())!.AsObject());
        EmulatorOptions updated;
        try
        {
            updated = merged.Deserialize<EmulatorOptions>(Json)!;
        }
        catch (JsonException e)
        {
            return $"Options could not be read: {e.Message}";
        }
        var errors = EmulatorOptionsValidator.Errors(updated).ToList();
        if (errors.Count > 0)
        {
            return string.Join(" ", errors);
        }
        live.CopyFrom(updated);
        return null;
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            var key = target.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? name;
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
