using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunwayRelay.Emulator.Uploads;

/// <summary>
/// The presigned-POST form fields of an upload slot, made and checked the way S3 does it: a base64 JSON policy
/// (expiration, one exact-match condition per field, a content-length-range) signed with HMAC-SHA256.
/// The upload URL itself carries nothing secret; whoever holds the fields may upload that one file, no API key involved.
/// </summary>
internal static class UploadPolicy
{
    public const string Key = "key";
    public const string Policy = "policy";
    public const string Algorithm = "x-amz-algorithm";
    public const string Credential = "x-amz-credential";
    public const string Date = "x-amz-date";
    public const string Signature = "x-amz-signature";
    public const string Metadata = "metadata";

    private const string AlgorithmValue = "AWS4-HMAC-SHA256";

    public static Dictionary<string, string> Fields(UploadSlot slot, byte[] policyKey)
    {
        var date = slot.CreatedAt.UtcDateTime;
        var matched = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Key] = slot.ObjectKey,
            [Algorithm] = AlgorithmValue,
            [Credential] = $"EMULATOR/{date:yyyyMMdd}/us-east-1/s3/aws4_request",
            [Date] = date.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
        };
        var conditions = new JsonArray();
        foreach (var (name, value) in matched)
        {
            conditions.Add(new JsonObject { [name] = value });
        }
        conditions.Add(new JsonArray("content-length-range", slot.MinBytes, slot.MaxBytes));
        var document = new JsonObject
        {
            ["expiration"] = slot.PolicyExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["conditions"] = conditions,
        };
        var policy = Convert.ToBase64String(Encoding.UTF8.GetBytes(document.ToJsonString()));
        return new Dictionary<string, string>(matched, StringComparer.Ordinal)
        {
            [Policy] = policy,
            [Signature] = Sign(policy, policyKey),
        };
    }

    /// <summary>Checks the posted form fields against the signed policy.</summary>
    /// <returns>null when the fields are acceptable, else S3's AccessDenied message.</returns>
    public static string? Verify(IReadOnlyDictionary<string, string> form, UploadSlot slot, byte[] policyKey, DateTimeOffset now)
    {
        foreach (var required in new[] { Key, Policy, Algorithm, Credential, Date, Signature })
        {
            if (!form.ContainsKey(required))
            {
                return $"Invalid according to Policy: the form field '{required}' is missing.";
            }
        }
        var expected = Encoding.ASCII.GetBytes(Sign(form[Policy], policyKey));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(form[Signature])))
        {
            return "The request signature we calculated does not match the signature you provided.";
        }

        JsonNode policy;
        try
        {
            policy = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(form[Policy])))!;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return "Invalid Policy: the policy is not base64-encoded JSON.";
        }
        var expiration = DateTimeOffset.Parse(policy["expiration"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        if (now >= expiration)
        {
            return "Invalid according to Policy: Policy expired.";
        }

        var conditions = policy["conditions"]!.AsArray().OfType<JsonObject>().SelectMany(o => o).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
        foreach (var (name, value) in conditions)
        {
            if (!form.TryGetValue(name, out var posted) || posted != value)
            {
                return $"Invalid according to Policy: Policy Condition failed: [\"eq\", \"${name}\", \"{value}\"]";
            }
        }
        var extra = form.Keys.Where(k => !conditions.ContainsKey(k) && k is not (Policy or Signature or Metadata)).ToList();
        if (extra.Count > 0)
        {
            return $"Invalid according to Policy: Extra input fields: {string.Join(", ", extra)}";
        }
        // The URL names the slot too: fields of one slot cannot fill another.
        return conditions[Key] == slot.ObjectKey ? null : "Invalid according to Policy: the key does not belong to this upload URL.";
    }

    /// <summary>The content-length-range of a verified policy.</summary>
    public static (long Min, long Max) LengthRange(string policyField)
    {
        var policy = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(policyField)))!;
        var range = policy["conditions"]!.AsArray().OfType<JsonArray>().First(a => a[0]!.GetValue<string>() == "content-length-range");
        return (range[1]!.GetValue<long>(), range[2]!.GetValue<long>());
    }

    private static string Sign(string policy, byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(policy)));
}
