using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using k8s;
using k8s.Models;
using S1IdentityK8s.TestSupport.Node;

namespace S1IdentityK8s.TestSupport.Kubernetes;

/// <summary>
/// etcd + kube-apiserver (+ kube-controller-manager) on free 127.0.0.1 ports, each under a
/// <see cref="SupervisedProcess"/> watchdog, with their files in one run folder (etcd's data on /dev/shm
/// when there is one). Every path and so every command line holds <see cref="RunId"/>. With a node
/// (<see cref="ControlPlaneOptions.StartNode"/>), the apiserver listens on the node network's host address
/// instead of 127.0.0.1 (pods cannot reach the host's loopback), kube-scheduler runs too, and a
/// <see cref="LocalNode"/> joins.
/// </summary>
internal sealed class LocalControlPlane : IAsyncDisposable
{
    // On SIGTERM the apiserver drains open watches for up to 60 s; its state is all in etcd, so a stop
    // or restart kills it after a short grace instead.
    private static readonly TimeSpan ApiServerStopGrace = TimeSpan.FromSeconds(0.5);

    // Beta versions whose GA version 1.20 also serves: switching them off trims ~0.5 s of start-up
    // (fewer storages and OpenAPI paths); beta-only kinds (CronJob, PodDisruptionBudget, EndpointSlice,
    // HPA v2, RuntimeClass, FlowSchema) stay.
    private const string RedundantBetaVersions =
        "admissionregistration.k8s.io/v1beta1=false,apiextensions.k8s.io/v1beta1=false,"
        + "authentication.k8s.io/v1beta1=false,authorization.k8s.io/v1beta1=false,"
        + "certificates.k8s.io/v1beta1=false,coordination.k8s.io/v1beta1=false,events.k8s.io/v1beta1=false,"
        + "networking.k8s.io/v1beta1=false,rbac.authorization.k8s.io/v1beta1=false,"
        + "scheduling.k8s.io/v1beta1=false,storage.k8s.io/v1beta1=false,extensions/v1beta1=false";

    private readonly ControlPlaneOptions _options;
    private readonly ControlPlaneBinaries _binaries;
    private readonly ControlPlaneCertificates _certificates;
    private readonly TokenUserPool _users;
    private readonly string _etcdDataDirectory;
    private readonly int _etcdClientPort;
    private readonly int _etcdPeerPort;
    private SupervisedProcess? _etcd;
    private SupervisedProcess? _apiServer;
    private SupervisedProcess? _controllerManager;
    private SupervisedProcess? _scheduler;

    private LocalControlPlane(ControlPlaneOptions options, ControlPlaneBinaries binaries, string runId, string workDirectory, LocalNode? node)
    {
        _options = options;
        _binaries = binaries;
        RunId = runId;
        WorkDirectory = workDirectory;
        Node = node;
        _etcdDataDirectory = IsWritableDirectory("/dev/shm")
            ? Path.Combine("/dev/shm", RunId)
            : Path.Combine(WorkDirectory, "etcd");
        var ports = FreePorts.Take(3);
        (_etcdClientPort, _etcdPeerPort, ApiServerPort) = (ports[0], ports[1], ports[2]);
        ServerAddress = node?.Network.HostAddress ?? IPAddress.Loopback;
        Server = new Uri($"https://{ServerAddress}:{ApiServerPort.ToString(CultureInfo.InvariantCulture)}");
        _certificates = ControlPlaneCertificates.Create(Path.Combine(WorkDirectory, "pki"), node?.Network.HostAddress);
        _users = new TokenUserPool(options.UserPoolSize);
        _users.WriteTokenFile(TokenFilePath);
        AdminKubeconfigPath = KubeconfigFile.Write(
            Path.Combine(WorkDirectory, "admin.kubeconfig"), Server, _certificates.CaCertificatePem, false,
            TokenUserPool.AdminUser, _users.AdminToken);
    }

    /// <summary>The unique id of this run (<c>s1k8s-cp-PID-RANDOM</c>), part of every path it uses.</summary>
    public string RunId { get; }

    public string WorkDirectory { get; }

    public Uri Server { get; }

    /// <summary>The address the apiserver listens on: 127.0.0.1, or the node network's host address.</summary>
    public IPAddress ServerAddress { get; }

    /// <summary>The node, when <see cref="ControlPlaneOptions.StartNode"/> asked for one.</summary>
    public LocalNode? Node { get; }

    public int ApiServerPort { get; }

    public string AdminKubeconfigPath { get; }

    public IReadOnlyList<int> Ports => [_etcdClientPort, _etcdPeerPort, ApiServerPort];

    public IReadOnlyList<int> ProcessIds =>
        [.. new[] { _etcd, _apiServer, _controllerManager, _scheduler }.OfType<SupervisedProcess>().SelectMany(p => p.ProcessIds),
            .. Node?.ProcessIds ?? []];

    private string TokenFilePath => Path.Combine(WorkDirectory, "tokens.csv");

    public static async Task<LocalControlPlane> StartAsync(
        ControlPlaneOptions options, ControlPlaneBinaries binaries, CancellationToken cancellationToken)
    {
        StaleRunCleaner.Clean();
        var runId = $"{StaleRunCleaner.RunPrefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-"
            + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        var workDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), runId)).FullName;
        // The node's network first: the apiserver listens on its host address.
        var images = options.StartNode ? await NodeImages.ResolveAsync(cancellationToken) : null;
        var node = options.StartNode ? await LocalNode.PrepareAsync(workDirectory, runId, cancellationToken) : null;
        var plane = new LocalControlPlane(options, binaries, runId, workDirectory, node);
        try
        {
            // containerd starts and imports the images while etcd and the apiserver start.
            var runtime = node?.StartRuntimeAsync(images!, cancellationToken) ?? Task.CompletedTask;
            plane._etcd = plane.StartEtcd();
            plane._apiServer = plane.StartApiServer();
            await plane.WaitForApiServerAsync(cancellationToken);
            if (options.StartControllerManager || node is not null)
            {
                plane._controllerManager = plane.StartControllerManager();
            }

            await runtime;
            if (node is not null)
            {
                plane._scheduler = plane.StartScheduler();
                using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(plane.AdminKubeconfigPath));
                await node.JoinAsync(client, plane.AdminKubeconfigPath, plane._certificates.CaCertificatePath, binaries,
                    images!.Pause.Name, options.NodeStartTimeout, cancellationToken);
            }

            return plane;
        }
        catch
        {
            await plane.DisposeAsync();
            throw;
        }
    }

    /// <summary>Hands out the next unused token user of the pool, with a kubeconfig for it.</summary>
    public ClusterIdentity TakeUser()
    {
        var (user, token) = _users.Take();
        var kubeconfig = KubeconfigFile.Write(
            Path.Combine(WorkDirectory, $"{user}.kubeconfig"), Server, _certificates.CaCertificatePem, false, user, token);
        return new ClusterIdentity(user, token, kubeconfig, new Rbacv1Subject
        {
            Kind = "User",
            ApiGroup = "rbac.authorization.k8s.io",
            Name = user,
        });
    }

    /// <summary>Stops the apiserver and starts it again on the same port, etcd untouched.</summary>
    public async Task RestartApiServerAsync(CancellationToken cancellationToken)
    {
        if (_apiServer is not null)
        {
            await _apiServer.DisposeAsync();
        }

        _apiServer = StartApiServer();
        await WaitForApiServerAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // The apiserver's clients first, etcd last, so nothing logs a storm of connection errors; the
            // node's network (and the apiserver's address with it) goes once nothing listens on it.
            if (Node is not null)
            {
                await Node.StopDaemonsAsync();
            }

            foreach (var process in new[] { _scheduler, _controllerManager, _apiServer, _etcd })
            {
                if (process is not null)
                {
                    await process.DisposeAsync();
                }
            }

            if (Node is not null)
            {
                await Node.DisposeAsync();
            }
        }
        finally
        {
            StaleRunCleaner.TryDelete(_etcdDataDirectory);
            StaleRunCleaner.TryDelete(WorkDirectory);
        }
    }

    private SupervisedProcess StartEtcd()
    {
        var client = $"http://127.0.0.1:{_etcdClientPort.ToString(CultureInfo.InvariantCulture)}";
        var peer = $"http://127.0.0.1:{_etcdPeerPort.ToString(CultureInfo.InvariantCulture)}";
        return SupervisedProcess.Start("etcd", _binaries.Etcd,
        [
            "--name=s1k8s",
            $"--data-dir={_etcdDataDirectory}",
            $"--listen-client-urls={client}",
            $"--advertise-client-urls={client}",
            $"--listen-peer-urls={peer}",
            $"--initial-advertise-peer-urls={peer}",
            $"--initial-cluster=s1k8s={peer}",
            "--logger=zap",
            "--log-level=warn",
        ], Path.Combine(WorkDirectory, "etcd.log"), stopGrace: TimeSpan.FromSeconds(5));
    }

    private SupervisedProcess StartApiServer() =>
        SupervisedProcess.Start("kube-apiserver", _binaries.KubeApiServer,
        [
            $"--etcd-servers=http://127.0.0.1:{_etcdClientPort.ToString(CultureInfo.InvariantCulture)}",
            $"--bind-address={ServerAddress}",
            $"--advertise-address={ServerAddress}",
            $"--secure-port={ApiServerPort.ToString(CultureInfo.InvariantCulture)}",
            "--insecure-port=0",
            $"--cert-dir={Path.Combine(WorkDirectory, "pki")}",
            $"--tls-cert-file={_certificates.ServingCertificatePath}",
            $"--tls-private-key-file={_certificates.ServingKeyPath}",
            $"--client-ca-file={_certificates.CaCertificatePath}",
            "--service-account-issuer=https://kubernetes.default.svc",
            $"--service-account-key-file={_certificates.ServiceAccountPublicKeyPath}",
            $"--service-account-signing-key-file={_certificates.ServiceAccountPrivateKeyPath}",
            $"--token-auth-file={TokenFilePath}",
            "--authorization-mode=RBAC",
            // Room for a Service per intake at the operator benchmark's 500 intakes (a /24 holds 254).
            "--service-cluster-ip-range=10.0.0.0/20",
            "--allow-privileged=true",
            // With a node, pods reach the apiserver through the `kubernetes` Service: keep its endpoint.
            $"--endpoint-reconciler-type={(Node is null ? "none" : "lease")}",
            $"--kubelet-client-certificate={_certificates.KubeletClientCertificatePath}",
            $"--kubelet-client-key={_certificates.KubeletClientKeyPath}",
            // The node's name resolves nowhere: reach the kubelet at its InternalIP.
            "--kubelet-preferred-address-types=InternalIP",
            "--profiling=false",
            $"--runtime-config={RedundantBetaVersions}",
        ], Path.Combine(WorkDirectory, "kube-apiserver.log"), stopGrace: ApiServerStopGrace);

    private SupervisedProcess StartControllerManager() =>
        SupervisedProcess.Start("kube-controller-manager", _binaries.KubeControllerManager,
        [
            $"--kubeconfig={AdminKubeconfigPath}",
            "--leader-elect=false",
            "--controllers=*",
            "--port=0",
            "--secure-port=0",
            $"--service-account-private-key-file={_certificates.ServiceAccountPrivateKeyPath}",
            $"--root-ca-file={_certificates.CaCertificatePath}",
            "--profiling=false",
        ], Path.Combine(WorkDirectory, "kube-controller-manager.log"), stopGrace: TimeSpan.FromSeconds(2));

    private SupervisedProcess StartScheduler() =>
        SupervisedProcess.Start("kube-scheduler", _binaries.KubeScheduler,
        [
            $"--kubeconfig={AdminKubeconfigPath}",
            "--leader-elect=false",
            "--port=0",
            "--secure-port=0",
            "--profiling=false",
        ], Path.Combine(WorkDirectory, "kube-scheduler.log"), stopGrace: TimeSpan.FromSeconds(2));

    private Task WaitForApiServerAsync(CancellationToken cancellationToken) =>
        ApiServerReadiness.WaitAsync(
            Server, _certificates.CaCertificatePem, _users.AdminToken, _options.StartTimeout,
            [_etcd!, _apiServer!], cancellationToken);

    private static bool IsWritableDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            return false;
        }

        try
        {
            var probe = Path.Combine(path, $".s1k8s-probe-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
