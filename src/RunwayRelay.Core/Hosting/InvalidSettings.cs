using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace RunwayRelay.Hosting;

/// <summary>
/// Turns a start failure caused by settings into one actionable line per bad setting, the same on every host. Two
/// kinds of failure count: a validator's <see cref="OptionsValidationException"/> (<c>ValidateOnStart</c>), and the
/// configuration binder's refusal of a value that is not of the option's type (<c>Runway__PollInterval=abc</c>).
/// </summary>
public static partial class InvalidSettings
{
    public const string LinePrefix = "Invalid setting: ";

    /// <summary>The process exit code after invalid settings (the DevHost's <c>DevHostExitCodes.Configuration</c> too).</summary>
    public const int ExitCode = 2;

    /// <summary>
    /// One line per problem, or null when <paramref name="exception"/> is not (only) about settings. The lines name the
    /// setting but never repeat its value, which may be a secret.
    /// </summary>
    public static IReadOnlyList<string>? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        // Each options section validates on its own; several bad sections arrive together in an AggregateException.
        var failures = exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [exception];
        var lines = new List<string>();
        foreach (var failure in failures)
        {
            switch (failure)
            {
                case OptionsValidationException validation:
                    lines.AddRange(validation.Failures.Select(f => LinePrefix + f));
                    break;
                case InvalidOperationException when BinderFailure().Match(failure.Message) is { Success: true } match:
                    lines.Add(LinePrefix + Conversion(match.Groups["path"].Value, match.Groups["type"].Value));
                    break;
                default:
                    return null;
            }
        }
        return lines.Count == 0 ? null : lines;
    }

    private static string Conversion(string path, string type)
    {
        string setting = path.Replace(":", "__", StringComparison.Ordinal);
        string expected = type switch
        {
            "System.TimeSpan" => "a duration such as 00:00:05",
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Boolean" => "true or false",
            "System.Uri" => "a URL",
            _ => "a valid " + type[(type.LastIndexOf('.') + 1)..],
        };
        return $"{setting} must be {expected}.";
    }

    // ConfigurationBinder's message; it carries the value too, which is deliberately not matched.
    [GeneratedRegex(@"^Failed to convert configuration value '.*' at '(?<path>[^']+)' to type '(?<type>[^']+)'\.", RegexOptions.Singleline)]
    private static partial Regex BinderFailure();
}
