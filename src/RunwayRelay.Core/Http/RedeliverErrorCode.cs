using System.Text.Json.Serialization;

namespace RunwayRelay.Http;

/// <summary>The <c>errorCode</c> of each 409 from <c>POST /api/generations/{id}/callback/redeliver</c>: a closed set.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RedeliverErrorCode>))]
public enum RedeliverErrorCode
{
    [JsonStringEnumMemberName(RedeliverErrorCodes.GenerationNotEnded)]
    GenerationNotEnded,

    [JsonStringEnumMemberName(RedeliverErrorCodes.NoCallback)]
    NoCallback,

    [JsonStringEnumMemberName(RedeliverErrorCodes.CallbackDelivering)]
    CallbackDelivering,

    [JsonStringEnumMemberName(RedeliverErrorCodes.CallbackAddressExpired)]
    CallbackAddressExpired,
}
