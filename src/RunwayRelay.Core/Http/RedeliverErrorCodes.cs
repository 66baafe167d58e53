namespace RunwayRelay.Http;

/// <summary>The <c>errorCode</c> of each 409 from <c>POST /api/generations/{id}/callback/redeliver</c>.</summary>
public static class RedeliverErrorCodes
{
    public const string GenerationNotEnded = "GENERATION_NOT_ENDED";
    public const string NoCallback = "NO_CALLBACK";
    public const string CallbackDelivering = "CALLBACK_DELIVERY_IN_PROGRESS";
    public const string CallbackAddressExpired = "CALLBACK_ADDRESS_EXPIRED";

    public static IReadOnlyList<string> All { get; } = [GenerationNotEnded, NoCallback, CallbackDelivering, CallbackAddressExpired];
}
