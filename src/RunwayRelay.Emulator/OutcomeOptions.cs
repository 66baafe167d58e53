namespace RunwayRelay.Emulator;

public sealed class OutcomeOptions
{
    /// <summary>Share (0..1) of tasks that end FAILED with <see cref="FailureCode"/>.</summary>
    public double FailureRate { get; set; }

    /// <summary>The <c>failureCode</c> of rate-chosen failures.</summary>
    public string FailureCode { get; set; } = "INTERNAL.BAD_OUTPUT.CODE01";

    /// <summary>The <c>failure</c> text; when empty a text matching the code's family is used.</summary>
    public string? FailureMessage { get; set; }
}
