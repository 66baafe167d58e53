using System.Text.Json;

namespace RunwayRelay.Emulator.Validation;

internal delegate void FieldCheck(JsonElement value, FieldPath path, IssueList issues);
