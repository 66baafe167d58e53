namespace RunwayRelay.Emulator.Validation;

internal sealed record FieldSpec(string Name, bool Required, FieldCheck Check);
