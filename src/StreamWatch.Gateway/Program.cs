using StreamWatch.Gateway.StatusPage;
using StreamWatch.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddStatusPage();
var app = builder.Build();
app.MapDefaultEndpoints();
app.MapStatusPage();
app.Run();

/// <summary>Entry point, visible to in-memory test hosts.</summary>
public partial class Program;
