// What nearly every integration test names: the Azurite fixture and the test hosts, the durable records, and the
// orchestration, Runway and storage types the tests drive.
global using Microsoft.Extensions.DependencyInjection;
global using RunwayRelay.Generations;
global using RunwayRelay.IntegrationTests.Infrastructure;
global using RunwayRelay.IntegrationTests.Orchestration;
global using RunwayRelay.Orchestration;
global using RunwayRelay.Runway;
global using RunwayRelay.Storage;
