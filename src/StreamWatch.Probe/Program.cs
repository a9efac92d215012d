using StreamWatch.Probe;
using StreamWatch.Probe.Apis;
using StreamWatch.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddProbe();
var app = builder.Build();
app.MapDefaultEndpoints();
app.MapTargetsApi();
app.Run();
