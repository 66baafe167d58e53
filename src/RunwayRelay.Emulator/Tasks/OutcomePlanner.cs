using System.Text.Json;
using System.Text.RegularExpressions;

namespace RunwayRelay.Emulator.Tasks;

/// <summary>
/// Decides at create time how a task will end. Magic markers in <c>promptText</c> win over the configured rate:
/// <c>[emulator:fail]</c> fails with <see cref="OutcomeOptions.FailureCode"/>, <c>[emulator:fail=SAFETY.INPUT.TEXT]</c>
/// fails with the given code, <c>[emulator:succeed]</c> succeeds whatever the rate.
/// </summary>
internal static partial class OutcomePlanner
{
    public static (string? Code, string? Message) Plan(JsonElement body, EmulatorOptions options, EmulatorRandom random)
    {
        var prompt = body.TryGetProperty("promptText", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
        if (prompt.Contains("[emulator:succeed]", StringComparison.Ordinal))
        {
            return (null, null);
        }
        var marker = FailMarker().Match(prompt);
        if (marker.Success)
        {
            var code = marker.Groups["code"].Success ? marker.Groups["code"].Value : options.Outcomes.FailureCode;
            return (code, MessageFor(code, options));
        }
        if (random.Roll(options.Outcomes.FailureRate))
        {
            return (options.Outcomes.FailureCode, MessageFor(options.Outcomes.FailureCode, options));
        }
        return (null, null);
    }

    /// <summary>SAFETY.INPUT failures are not refunded (Runway's rule); every other failure is.</summary>
    public static bool IsRefunded(string failureCode) => !failureCode.StartsWith("SAFETY.INPUT", StringComparison.Ordinal);

    private static string MessageFor(string code, EmulatorOptions options)
    {
        if (!string.IsNullOrEmpty(options.Outcomes.FailureMessage))
        {
            return options.Outcomes.FailureMessage;
        }
        return code switch
        {
            _ when code.StartsWith("SAFETY.INPUT", StringComparison.Ordinal) => "An input to the task was flagged by content moderation.",
            _ when code.StartsWith("SAFETY.OUTPUT", StringComparison.Ordinal) => "The output of the task was flagged by content moderation. Try a different prompt.",
            _ when code.StartsWith("INTERNAL.BAD_OUTPUT", StringComparison.Ordinal) => "The generated output did not pass quality checks. Retrying may succeed.",
            _ when code.StartsWith("ASSET.INVALID", StringComparison.Ordinal) => "An input asset could not be processed. Check that it is a supported, valid file.",
            _ => "An internal error occurred while generating. Retrying may succeed.",
        };
    }

    [GeneratedRegex(@"\[emulator:fail(?:=(?<code>[A-Za-z0-9_.]+))?\]")]
    private static partial Regex FailMarker();
}
