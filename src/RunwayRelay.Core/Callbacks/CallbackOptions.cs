namespace RunwayRelay.Callbacks;

/// <summary>Completion callbacks (<c>Callbacks__*</c> settings).</summary>
public sealed class CallbackOptions
{
    public const string SectionName = "Callbacks";

    /// <summary>HMAC-SHA256 secret for <see cref="CallbackSignature.HeaderName"/>. Callbacks are not sent without one.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Allow http and loopback callback URLs (local runs and tests only).</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Timeout of one callback attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
