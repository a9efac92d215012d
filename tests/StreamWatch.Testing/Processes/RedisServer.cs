using System.Net.Sockets;
using System.Text;

namespace StreamWatch.Testing.Processes;

/// <summary>
/// A real redis-server on a free loopback port with its own data folder. Restartable on the same
/// port and data, so tests can kill Redis mid-run and bring it back with nothing lost.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _binary;
    private readonly bool _appendOnly;
    private ExternalProcess? _process;

    private RedisServer(string binary, int port, string dataDirectory, bool appendOnly)
    {
        _binary = binary;
        Port = port;
        DataDirectory = dataDirectory;
        _appendOnly = appendOnly;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>Its data folder (append-only file and snapshots).</summary>
    public string DataDirectory { get; }

    /// <summary>A StackExchange.Redis / Aspire style connection string: <c>127.0.0.1:port</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>True while the server process runs.</summary>
    public bool IsRunning => _process?.IsRunning == true;

    /// <summary>Starts redis-server; skips the test when it is not installed (fails under CI).</summary>
    /// <param name="appendOnly">Turns on append-only persistence (fsync every write) so a restart keeps everything.</param>
    /// <param name="cancellationToken">Stops waiting for readiness.</param>
    public static async Task<RedisServer> StartAsync(bool appendOnly = false, CancellationToken cancellationToken = default)
    {
        var binary = Binaries.Require("redis-server", "redis-server");
        var data = Directory.CreateTempSubdirectory("streamwatch-redis-").FullName;
        var server = new RedisServer(binary, FreePort.Next(), data, appendOnly);
        await server.RestartAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>Starts the server again on the same port and data folder (after <see cref="Kill"/> or <see cref="StopAsync"/>).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
        }

        _process = await ExternalProcess.StartAsync(
            new ExternalProcessOptions
            {
                Name = "redis",
                FileName = _binary,
                WorkingDirectory = DataDirectory,
                Arguments =
                [
                    "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "--bind", "127.0.0.1",
                    "--dir", DataDirectory,
                    "--save", string.Empty,
                    "--appendonly", _appendOnly ? "yes" : "no",
                    "--appendfsync", "always",
                    "--daemonize", "no",
                    "--protected-mode", "no",
                ],
                ReadyCheck = PingAsync,
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
    public void Kill() => _process?.Kill();

    /// <summary>Stops the server gracefully.</summary>
    public Task StopAsync() => _process?.StopAsync() ?? Task.CompletedTask;

    /// <summary>Sends one RESP command over a fresh connection and returns the raw reply line, e.g. <c>+PONG</c>.</summary>
    public async Task<string> CommandAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port, cancellationToken).ConfigureAwait(false);
        var stream = client.GetStream();
        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken).ConfigureAwait(false);
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(buffer, 0, read).TrimEnd('\r', '\n');
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
        => (await CommandAsync(cancellationToken, "PING").ConfigureAwait(false)) == "+PONG";
}
