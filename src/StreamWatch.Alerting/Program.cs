using StreamWatch.Alerting;
using StreamWatch.Alerting.Apis;
using StreamWatch.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAlerting();
builder.AddStatusApi();
var app = builder.Build();
app.MapDefaultEndpoints();
app.MapStatusApi();
app.Run();
