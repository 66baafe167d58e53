namespace RunwayRelay.Orchestration;

/// <summary>
/// Input of <see cref="SendCallbackActivity"/>: the notice; the URL is read from the payload store.
/// <see cref="CallbackUrl"/> is only set for a generation started before payloads moved out of durable state.
/// </summary>
public sealed record SendCallbackInput(string GenerationId, CompletionNotice Notice, Uri? CallbackUrl = null);
