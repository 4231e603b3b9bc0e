using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace S1IdentityK8s.TestSupport.Emulators.Sekoia;

/// <summary>
/// A request body read within the size limit, gzip-decompressed when so encoded. The limit applies to the
/// decompressed size: that is what the intake must hold.
/// </summary>
internal sealed class IntakeBody
{
    public bool Gzip { get; private set; }

    public long WireBytes { get; private set; }

    public long BodyBytes { get; private set; }

    public byte[] Bytes { get; private set; } = [];

    /// <summary>Reads the body; throws <see cref="IntakeRejection"/> (413, 415, 400) and keeps the sizes read so far.</summary>
    public async Task ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding.ToString();
        Gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (!Gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            throw new IntakeRejection(StatusCodes.Status415UnsupportedMediaType, $"Unsupported Content-Encoding '{encoding}'.");
        }
        var wire = await ReadCappedAsync(request.Body, maxBytes, cancellationToken).ConfigureAwait(false);
        WireBytes = wire.Length;
        BodyBytes = Gzip ? 0 : wire.Length;
        if (wire.Length > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
        if (!Gzip)
        {
            Bytes = wire.ToArray();
            return;
        }
        wire.Position = 0;
        using var gzip = new GZipStream(wire, CompressionMode.Decompress);
        MemoryStream body;
        try
        {
            body = await ReadCappedAsync(gzip, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            throw new IntakeRejection(StatusCodes.Status400BadRequest, "Body is not valid gzip.");
        }
        BodyBytes = body.Length;
        if (body.Length > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
        Bytes = body.ToArray();
    }

    private static IntakeRejection TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, $"Request body exceeds {maxBytes} bytes.");

    // Stops one byte past the limit: enough to know it is exceeded without buffering a huge body.
    private static async Task<MemoryStream> ReadCappedAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        var target = new MemoryStream();
        var buffer = new byte[81920];
        while (target.Length <= maxBytes)
        {
            var read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            target.Write(buffer, 0, read);
        }
        return target;
    }
}
