using KktMessaging.OfdSimulator;

// Settings ship beside the binary, wherever the process is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddOfdSimulator();

var app = builder.Build();
app.MapOfdSimulator();
app.Run();
