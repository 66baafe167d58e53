namespace RunwayRelay.Emulator.Validation;

internal enum MediaKind
{
    Image,
    Video,
    Audio,
}
