namespace RunwayRelay.Storage;

/// <summary>
/// Where a generation's completion callback goes, kept out of durable state (the URL may carry a token) by
/// <see cref="CallbackTargetStore"/>. <see cref="StatusUrl"/> is set for a Logic Apps subscription, whose callback gets
/// the status body a GET of that URL answers.
/// </summary>
public sealed record CallbackTarget(Uri CallbackUrl, Uri? StatusUrl = null);
