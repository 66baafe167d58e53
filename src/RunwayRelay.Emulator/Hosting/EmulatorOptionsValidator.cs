using Microsoft.Extensions.Options;

namespace RunwayRelay.Emulator.Hosting;

/// <summary>One actionable line per bad setting, naming the configuration key.</summary>
internal sealed class EmulatorOptionsValidator : IValidateOptions<EmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, EmulatorOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IEnumerable<string> Errors(EmulatorOptions o)
    {
        const string s = EmulatorOptions.SectionName;
        if (string.IsNullOrWhiteSpace(o.ApiVersion))
        {
            yield return $"{s}:ApiVersion must not be empty (Runway's is 2024-11-06)";
        }
        if (o.QueueTime < TimeSpan.Zero || o.GenerationTime < TimeSpan.Zero || o.OutputUrlLifetime <= TimeSpan.Zero)
        {
            yield return $"{s}:QueueTime and {s}:GenerationTime must be >= 0 and {s}:OutputUrlLifetime > 0 (e.g. 00:01:00)";
        }
        if (o.GenerationTimeSpread < TimeSpan.Zero || o.GenerationTimeSpread > o.GenerationTime || o.ProgressUpdateInterval < TimeSpan.Zero)
        {
            yield return $"{s}:GenerationTimeSpread must be within 0..GenerationTime and {s}:ProgressUpdateInterval >= 0; they are {o.GenerationTimeSpread} and {o.ProgressUpdateInterval}";
        }
        if (o.ProgressNoise is < 0 or > 1 || double.IsNaN(o.ProgressNoise) || o.Models.Values.Any(m => !(m.Speed > 0)))
        {
            yield return $"{s}:ProgressNoise must be within 0..1 and every Models:<model>:Speed > 0";
        }
        if (o.TimeScale < 0 || double.IsNaN(o.TimeScale))
        {
            yield return $"{s}:TimeScale must be >= 0 (1 = real time, 0.001 = a minute in 60 ms); it is {o.TimeScale}";
        }
        if (o.OutputSizeBytes < 0)
        {
            yield return $"{s}:OutputSizeBytes must be >= 0; it is {o.OutputSizeBytes}";
        }
        if (o.InsufficientCreditsStatusCode is not (400 or 402))
        {
            yield return $"{s}:InsufficientCreditsStatusCode must be 400 or 402; it is {o.InsufficientCreditsStatusCode}";
        }
        if (o.DefaultMaxConcurrentGenerations < 1 || o.DefaultMaxDailyGenerations < 0
            || o.Models.Values.Any(m => m.MaxConcurrentGenerations < 1 || m.MaxDailyGenerations < 0))
        {
            yield return $"{s}: every MaxConcurrentGenerations must be >= 1 and every MaxDailyGenerations >= 0";
        }
        if (o.Outcomes.FailureRate is < 0 or > 1 || string.IsNullOrWhiteSpace(o.Outcomes.FailureCode))
        {
            yield return $"{s}:Outcomes:FailureRate must be within 0..1 and {s}:Outcomes:FailureCode must not be empty";
        }
        if (o.UploadLifetime <= TimeSpan.Zero || o.UploadUrlLifetime <= TimeSpan.Zero)
        {
            yield return $"{s}:UploadLifetime and {s}:UploadUrlLifetime must be > 0 (e.g. 1.00:00:00)";
        }
        if (o.MinUploadBytes < 0 || o.MaxUploadBytes < o.MinUploadBytes)
        {
            yield return $"{s}:MinUploadBytes must be >= 0 and {s}:MaxUploadBytes >= MinUploadBytes; they are {o.MinUploadBytes} and {o.MaxUploadBytes}";
        }
        foreach (var (kind, rule) in new[] { ("Create", o.Faults.Create), ("Read", o.Faults.Read), ("Delete", o.Faults.Delete), ("Download", o.Faults.Download),
                     ("Upload", o.Faults.Upload), ("Storage", o.Faults.Storage) })
        {
            if (new[] { rule.SlowRate, rule.DropConnectionRate, rule.TooManyRequestsRate, rule.ServerErrorRate, rule.TruncateRate }.Any(r => r is < 0 or > 1))
            {
                yield return $"{s}:Faults:{kind}: every *Rate must be within 0..1";
            }
            if (rule.ServerErrorStatusCode is < 500 or > 599)
            {
                yield return $"{s}:Faults:{kind}:ServerErrorStatusCode must be a 5xx code; it is {rule.ServerErrorStatusCode}";
            }
            if (rule.SlowDelay < TimeSpan.Zero || rule.RetryAfter < TimeSpan.Zero)
            {
                yield return $"{s}:Faults:{kind}: SlowDelay and RetryAfter must be >= 0";
            }
        }
    }
}
