using Prometheus;
using S1IdentityK8s.Operator.Generate;

if (GenerateCommand.Matches(args))
{
    return GenerateCommand.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHealthChecks();
var app = builder.Build();
app.MapHealthChecks("/healthz");
app.MapHealthChecks("/readyz");
app.MapMetrics("/metrics");
await app.RunAsync();
return 0;
