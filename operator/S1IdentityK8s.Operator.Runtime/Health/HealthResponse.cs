using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace S1IdentityK8s.Operator.Runtime.Health;

/// <summary>Writes a health report as plain text: the status, then why each failing check fails.</summary>
public static class HealthResponse
{
    /// <summary>A <c>ResponseWriter</c> for <c>MapHealthChecks</c>.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var reasons = report.Entries.Values.Where(e => e.Status != HealthStatus.Healthy).Select(e => $"\n{e.Description}");
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(report.Status + string.Concat(reasons), context.RequestAborted);
    }
}
