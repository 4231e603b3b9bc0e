using Grpc.Core;
using Grpc.Core.Interceptors;
using S1IdentityK8s.TestSupport.Security;

namespace S1IdentityK8s.Collector.Tests.Api;

/// <summary>Records every gRPC answer a test receives (unary and streamed) for the suite's secret sweep.</summary>
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

    private static async Task<TResponse> RecordAsync<TResponse>(Task<TResponse> response, string method)
    {
        var answer = await response.ConfigureAwait(false);
        SuiteEvidence.Add("grpc", method, answer?.ToString() ?? "");
        return answer;
    }

    private sealed class RecordingReader<T>(IAsyncStreamReader<T> inner, string method) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            var moved = await inner.MoveNext(cancellationToken).ConfigureAwait(false);
            if (moved)
            {
                SuiteEvidence.Add("grpc", method, inner.Current?.ToString() ?? "");
            }

            return moved;
        }
    }
}
