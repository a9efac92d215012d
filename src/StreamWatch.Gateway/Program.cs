using StreamWatch.Gateway;
using StreamWatch.Gateway.Security;
using StreamWatch.Gateway.StatusPage;
using StreamWatch.ServiceDefaults;

// Inline I/O: socket completions run on the socket engine's threads (read once, before the first
// socket exists, hence here) and Kestrel runs requests there too (AddGateway), so a proxied request
// crosses no thread-pool hop between client socket, upstream socket and back. On two cores this
// cut context switches per proxied request ~4x and CPU per request by about a third (README,
// "Measured"). The gateway blocks nowhere; DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0 opts out.
if (Environment.GetEnvironmentVariable(GatewayExtensions.InlineCompletionsVariable) is null)
{
    Environment.SetEnvironmentVariable(GatewayExtensions.InlineCompletionsVariable, "1");
}

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
