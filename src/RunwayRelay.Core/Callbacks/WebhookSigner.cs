using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace RunwayRelay.Callbacks;

/// <summary>
/// Signs callbacks per Standard Webhooks with the <c>StandardWebhooks</c> package: one <c>v1</c> signature made with
/// <c>Callbacks__SigningSecret</c>, then, during a rotation, one with <c>Callbacks__PreviousSigningSecret</c>.
/// </summary>
public sealed class WebhookSigner(IOptionsMonitor<CallbackOptions> options)
{
    // Strict: a body that is not UTF-8 would be signed as something other than the bytes sent.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    internal const string NoSecret = "Callbacks__SigningSecret is not set, so the callback cannot be signed.";

    public bool CanSign => options.CurrentValue.CanSign;

    /// <summary>The three headers for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Sign(string webhookId, DateTimeOffset timestamp, byte[] body)
    {
        ArgumentException.ThrowIfNullOrEmpty(webhookId);
        ArgumentNullException.ThrowIfNull(body);
        var settings = options.CurrentValue;
        if (!settings.CanSign)
        {
            throw new InvalidOperationException(NoSecret);
        }
        string payload = StrictUtf8.GetString(body);
        // Whole seconds, as the header carries them, so what is signed is exactly what the receiver recomputes.
        var at = DateTimeOffset.FromUnixTimeSeconds(timestamp.ToUnixTimeSeconds());
        string signature = new StandardWebhook(settings.SigningSecret).Sign(webhookId, at, payload);
        if (!string.IsNullOrEmpty(settings.PreviousSigningSecret))
        {
            signature += " " + new StandardWebhook(settings.PreviousSigningSecret).Sign(webhookId, at, payload);
        }
        return
        [
            new(WebhookHeaders.Id, webhookId),
            new(WebhookHeaders.Timestamp, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new(WebhookHeaders.Signature, signature),
        ];
    }
}
