using KktMessaging.Service;

// Settings ship beside the binary, wherever the process is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddKktMessaging();

var app = builder.Build();
app.MapKktMessaging();
app.Run();
