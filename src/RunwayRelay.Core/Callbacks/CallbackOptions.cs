using System.Diagnostics.CodeAnalysis;

namespace RunwayRelay.Callbacks;

/// <summary>Completion callbacks (<c>Callbacks__*</c> settings), checked at start by <see cref="CallbackOptionsValidator"/>.</summary>
public sealed class CallbackOptions
{
    public const string SectionName = "Callbacks";

    /// <summary>
    /// The Standard Webhooks signing secret, <c>whsec_</c> followed by the base64 of 24 to 64 random bytes. Callbacks are
    /// not accepted without one.
    /// </summary>
    public string? SigningSecret { get; set; }

    /// <summary>Whether callbacks can be sent at all: every one is signed, so none without a secret.</summary>
    [MemberNotNullWhen(true, nameof(SigningSecret))]
    public bool CanSign => !string.IsNullOrEmpty(SigningSecret);

    /// <summary>
    /// The secret being rotated out, in the same form: while it is set every callback carries a second signature made
    /// with it, so receivers can switch to <see cref="SigningSecret"/> at their own pace.
    /// </summary>
    public string? PreviousSigningSecret { get; set; }

    /// <summary>Allow http and loopback callback URLs (local runs and tests only).</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Timeout of one callback attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after the first attempt a delivery is retried (network errors, 408, 429, 5xx).</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Wait before the first retry; each further retry doubles it (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait between two attempts, also the cap on a receiver's <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Shortest time between two <c>generation.progress</c> events of one generation.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(30);
}
