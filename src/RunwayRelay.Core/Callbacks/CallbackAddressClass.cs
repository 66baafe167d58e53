namespace RunwayRelay.Callbacks;

/// <summary>What kind of address a callback would connect to; everything but <see cref="Public"/> is refused (loopback only with <c>Callbacks__AllowLoopback</c>).</summary>
public enum CallbackAddressClass
{
    Public,
    Loopback,
    Unspecified,
    ThisNetwork,
    Private,
    SharedAddressSpace,
    LinkLocal,
    ProtocolAssignments,
    Documentation,
    Benchmarking,
    Multicast,
    Broadcast,
    Reserved,
    AzurePlatform,
    UniqueLocal,
    SiteLocal,
    DiscardOnly,
    Tunnel,
    LocalUseTranslation,
    Ipv4Compatible,
    NotGlobalUnicast,
}
