namespace RunwayRelay.Tests.Runway;

public sealed class RunwayRequestKindTests
{
    [Fact]
    public void ToTagValue_EveryKind_IsItsLowercaseName()
    {
        // Dashboards and docs/operations.md query these values: a new kind must get one, the old ones keep theirs.
        Assert.Equal(["create", "get", "delete", "upload", "organization", "usage"],
            Enum.GetValues<RunwayRequestKind>().Select(k => k.ToTagValue()));
    }
}
