using RunwayRelay.DevHost.Hosting;

// Content root is the app's folder, so its appsettings.json applies wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddDevHost();

var app = builder.Build();
app.MapDevHost();
return await app.RunDevHostAsync();
