using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using S1IdentityK8s.TestSupport.Security;

namespace S1IdentityK8s.Collector.Tests.Api;

/// <summary>
/// Records every gRPC answer a test receives (unary and streamed, messages as JSON by Google.Protobuf's
/// <see cref="JsonFormatter"/>, failures as their status) for the suite's secret sweep.
/// </summary>
internal sealed class EvidenceInterceptor : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, context);
        return new AsyncUnaryCall<TResponse>(
            RecordAsync(call.ResponseAsync, context.Method.Name), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, context);
        return new AsyncServerStreamingCall<TResponse>(
            new RecordingReader<TResponse>(call.ResponseStream, context.Method.Name), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    /// <summary>The answer as the sweep reads it: protobuf JSON for a message, its text otherwise.</summary>
    internal static string Format(object? answer) => answer switch
    {
        IMessage message => JsonFormatter.Default.Format(message),
        null => "",
        _ => answer.ToString() ?? "",
    };

    private static void Record(string method, object? answer) => SuiteEvidence.Add("grpc", method, Format(answer));

    // An error status is an answer too: its detail is text the collector wrote.
    private static void RecordFailure(string method, RpcException e) =>
        SuiteEvidence.Add("grpc", method, $"status {e.StatusCode}: {e.Status.Detail}");

    private static async Task<TResponse> RecordAsync<TResponse>(Task<TResponse> response, string method)
    {
        try
        {
            var answer = await response.ConfigureAwait(false);
            Record(method, answer);
            return answer;
        }
        catch (RpcException e)
        {
            RecordFailure(method, e);
            throw;
        }
    }

    private sealed class RecordingReader<T>(IAsyncStreamReader<T> inner, string method) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            bool moved;
            try
            {
                moved = await inner.MoveNext(cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                RecordFailure(method, e);
                throw;
            }
            if (moved)
            {
                Record(method, inner.Current);
            }

            return moved;
        }
    }
}
