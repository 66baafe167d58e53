namespace RunwayRelay.IntegrationTests.Emulator;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialEmulatorCollection
{
    public const string Name = "Emulator tests that must run alone";
}
