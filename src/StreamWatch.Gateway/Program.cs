using StreamWatch.Gateway;
using StreamWatch.Gateway.Security;
using StreamWatch.Gateway.StatusPage;
using StreamWatch.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGateway();
builder.AddStatusPage();
var app = builder.Build();
app.UseGatewaySecurity();
app.MapDefaultEndpoints();
app.MapGateway();
app.MapStatusPage();
app.Run();

/// <summary>Entry point, visible to in-memory test hosts.</summary>
public partial class Program;
