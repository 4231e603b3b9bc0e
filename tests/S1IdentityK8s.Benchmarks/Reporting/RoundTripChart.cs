using System.Text;

namespace S1IdentityK8s.Benchmarks.Reporting;

/// <summary>
/// The SVG chart of alerts/s against UAM round-trip time, both axes logarithmic, one line for the collector
/// and one for the reference pattern, each point labelled with its value.
/// </summary>
public static class RoundTripChart
{
    private const double Width = 640, Height = 400, Left = 70, Right = 150, Top = 40, Bottom = 50;

    /// <summary>The chart as a standalone SVG document.</summary>
    public static string Render(IReadOnlyList<RoundTripPoint> points, string subtitle)
    {
        var svg = new StringBuilder();
        void Add(FormattableString line) => svg.AppendLine(FormattableString.Invariant(line));
        Add($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="12">""");
        Add($"""<rect width="{Width}" height="{Height}" fill="white"/>""");
        Add($"""<text x="{Width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">Alerts/s against UAM round-trip time (25 requests/s)</text>""");
        Add($"""<text x="{Width / 2}" y="33" text-anchor="middle" fill="#555">{Escape(subtitle)}</text>""");
        if (points.Count == 0)
        {
            Add($"""<text x="{Width / 2}" y="{Height / 2}" text-anchor="middle">no data</text>""");
            svg.AppendLine("</svg>");
            return svg.ToString();
        }

        var rates = points.SelectMany(p => new[] { p.CollectorAlertsPerSecond, p.ReferenceAlertsPerSecond }).Where(r => r > 0).ToList();
        var (yMin, yMax) = (Math.Pow(10, Math.Floor(Math.Log10(rates.DefaultIfEmpty(1).Min()))), Math.Pow(10, Math.Ceiling(Math.Log10(rates.DefaultIfEmpty(10).Max()))));
        var (xMin, xMax) = (points.Min(p => p.RoundTripMs) / 1.5, points.Max(p => p.RoundTripMs) * 1.5);
        double X(double ms) => Left + ((Math.Log10(ms) - Math.Log10(xMin)) / (Math.Log10(xMax) - Math.Log10(xMin)) * (Width - Left - Right));
        double Y(double rate) => Height - Bottom - ((Math.Log10(Math.Max(rate, yMin)) - Math.Log10(yMin)) / (Math.Log10(yMax) - Math.Log10(yMin)) * (Height - Top - Bottom - 10));

        // Axes, decade grid lines and labels.
        Add($"""<line x1="{Left}" y1="{Height - Bottom}" x2="{Width - Right}" y2="{Height - Bottom}" stroke="black"/>""");
        Add($"""<line x1="{Left}" y1="{Top}" x2="{Left}" y2="{Height - Bottom}" stroke="black"/>""");
        for (var decade = yMin; decade <= yMax * 1.001; decade *= 10)
        {
            Add($"""<line x1="{Left}" y1="{Y(decade):0.#}" x2="{Width - Right}" y2="{Y(decade):0.#}" stroke="#ddd"/>""");
            Add($"""<text x="{Left - 6}" y="{Y(decade) + 4:0.#}" text-anchor="end">{decade:#,0.##}</text>""");
        }
        foreach (var p in points)
        {
            Add($"""<line x1="{X(p.RoundTripMs):0.#}" y1="{Height - Bottom}" x2="{X(p.RoundTripMs):0.#}" y2="{Height - Bottom + 5}" stroke="black"/>""");
            Add($"""<text x="{X(p.RoundTripMs):0.#}" y="{Height - Bottom + 18}" text-anchor="middle">{p.RoundTripMs} ms</text>""");
        }
        Add($"""<text x="{(Left + Width - Right) / 2}" y="{Height - 10}" text-anchor="middle">UAM round-trip time per request (log scale)</text>""");
        Add($"""<text x="16" y="{(Top + Height - Bottom) / 2}" text-anchor="middle" transform="rotate(-90 16 {(Top + Height - Bottom) / 2})">alerts/s delivered (log scale)</text>""");

        Series("collector", "#1f77b4", points.Select(p => (p.RoundTripMs, p.CollectorAlertsPerSecond)).ToList(), 0);
        Series("reference pattern", "#d62728", points.Select(p => (p.RoundTripMs, p.ReferenceAlertsPerSecond)).ToList(), 1);
        svg.AppendLine("</svg>");
        return svg.ToString();

        void Series(string name, string color, List<(int Ms, double Rate)> series, int row)
        {
            var path = string.Join(' ', series.Select(s => FormattableString.Invariant($"{X(s.Ms):0.#},{Y(s.Rate):0.#}")));
            Add($"""<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>""");
            foreach (var (ms, rate) in series)
            {
                Add($"""<circle cx="{X(ms):0.#}" cy="{Y(rate):0.#}" r="4" fill="{color}"/>""");
                Add($"""<text x="{X(ms) + 6:0.#}" y="{Y(rate) - 6:0.#}" fill="{color}">{rate:#,0.#}</text>""");
            }
            var legendY = Top + 20 + (row * 20);
            Add($"""<line x1="{Width - Right + 15}" y1="{legendY - 4}" x2="{Width - Right + 35}" y2="{legendY - 4}" stroke="{color}" stroke-width="2"/>""");
            Add($"""<text x="{Width - Right + 40}" y="{legendY}">{name}</text>""");
        }
    }

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
