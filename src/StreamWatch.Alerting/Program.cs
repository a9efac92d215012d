using StreamWatch.Alerting;
using StreamWatch.Alerting.Apis;
using StreamWatch.Alerting.Ingest;
using StreamWatch.Alerting.Store;
using StreamWatch.Alerting.Webhooks;
using StreamWatch.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAlerting();
builder.AddAlertStore();
builder.AddIngest();
builder.AddStatusApi();
var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIngest();
app.MapStatusApi();
app.MapWebhooksApi();
app.Run();
