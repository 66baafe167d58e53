namespace RunwayRelay.Emulator.Validation;

internal enum OutputKind
{
    Video,
    Image,
}
