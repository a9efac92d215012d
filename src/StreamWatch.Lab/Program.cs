using StreamWatch.Lab;

var builder = WebApplication.CreateBuilder(args);
builder.AddLab(args);

var app = builder.Build();
app.MapLab();
app.Run();
