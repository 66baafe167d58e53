// The test kit nearly every unit test of a service reaches for: mocks, options and a controllable clock.
global using Microsoft.Extensions.Options;
global using Microsoft.Extensions.Time.Testing;
global using Moq;
