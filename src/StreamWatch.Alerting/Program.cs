using StreamWatch.Alerting;
using StreamWatch.Alerting.Webhooks;
using StreamWatch.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAlerting();
var app = builder.Build();
app.MapDefaultEndpoints();
app.MapWebhooksApi();
app.Run();
