using System.Globalization;

namespace RunwayRelay.Common;

/// <summary>
/// Days as the budget, the spend records, usage and Runway's usage report count them: UTC calendar days, written
/// <c>yyyy-MM-dd</c>.
/// </summary>
internal static class UtcDays
{
    public const string Format = "yyyy-MM-dd";

    /// <summary>The UTC day <paramref name="at"/> falls on.</summary>
    public static DateOnly Of(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    /// <summary>When the UTC day after <paramref name="at"/>'s begins: when a daily limit frees up.</summary>
    public static DateTimeOffset NextStart(DateTimeOffset at) => new(Of(at).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static string ToText(DateOnly day) => day.ToString(Format, CultureInfo.InvariantCulture);

    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly day) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
