using System.Net;

namespace RunwayRelay.Callbacks;

/// <summary>A callback host resolved to an address <see cref="CallbackAddressPolicy"/> refuses: final, not retried.</summary>
public sealed class CallbackAddressRefusedException(string host, IPAddress address, CallbackAddressVerdict verdict)
    : Exception($"The callback host {host} resolves to {verdict.Describe()}, {address}; callbacks only go to public internet addresses.")
{
    public string Host { get; } = host;
    public IPAddress Address { get; } = address;
    public CallbackAddressVerdict Verdict { get; } = verdict;
}
