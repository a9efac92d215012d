using StreamWatch.Gateway;
using StreamWatch.Gateway.Security;
using StreamWatch.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGateway();
var app = builder.Build();
app.UseGatewaySecurity();
app.MapDefaultEndpoints();
app.MapGateway();
app.Run();

/// <summary>Entry point, visible to in-memory test hosts.</summary>
public partial class Program;
