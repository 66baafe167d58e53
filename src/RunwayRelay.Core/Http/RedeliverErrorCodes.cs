using System.Reflection;
using System.Text.Json.Serialization;

namespace RunwayRelay.Http;

/// <summary>The wire values of <see cref="RedeliverErrorCode"/>, for its attributes and the OpenAPI document.</summary>
public static class RedeliverErrorCodes
{
    public const string GenerationNotEnded = "GENERATION_NOT_ENDED";
    public const string NoCallback = "NO_CALLBACK";
    public const string CallbackDelivering = "CALLBACK_DELIVERY_IN_PROGRESS";
    public const string CallbackAddressExpired = "CALLBACK_ADDRESS_EXPIRED";

    private static readonly Dictionary<RedeliverErrorCode, string> Values = Enum.GetValues<RedeliverErrorCode>().ToDictionary(
        code => code,
        code => typeof(RedeliverErrorCode).GetField(code.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name);

    /// <summary>Every code, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<RedeliverErrorCode>().Select(ToErrorCode)];

    /// <summary>The code as the problem's <c>errorCode</c> carries it.</summary>
    public static string ToErrorCode(this RedeliverErrorCode code) => Values[code];
}
