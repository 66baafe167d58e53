// What nearly every integration test builds on: the fixtures of Infrastructure/ (Azurite, loopback servers) and DI.
global using Microsoft.Extensions.DependencyInjection;
global using RunwayRelay.IntegrationTests.Infrastructure;
