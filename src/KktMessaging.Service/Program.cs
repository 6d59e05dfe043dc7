using KktMessaging.Service;
using KktMessaging.Service.Delivery;

if (DeadLetterCommand.IsInvoked(args)) return await DeadLetterCommand.RunAsync(args[1..]);

// Settings ship beside the binary, wherever the process is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddKktMessaging();

var app = builder.Build();
app.MapKktMessaging();
await app.RunAsync();
return 0;
