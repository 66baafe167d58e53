// What nearly every integration test names: the Azurite fixture and the test hosts, the emulator, the durable records
// and client, the orchestration, Runway and storage types the tests drive, and the HTTP and JSON types they read answers with.
global using System.Net;
global using System.Text;
global using System.Text.Json;
global using Azure.Storage.Blobs;
global using Microsoft.DurableTask.Client;
global using Microsoft.Extensions.DependencyInjection;
global using RunwayRelay.Emulator;
global using RunwayRelay.Generations;
global using RunwayRelay.IntegrationTests.Infrastructure;
global using RunwayRelay.IntegrationTests.Orchestration;
global using RunwayRelay.Orchestration;
global using RunwayRelay.Runway;
global using RunwayRelay.Storage;
