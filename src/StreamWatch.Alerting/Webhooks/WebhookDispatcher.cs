using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Notifications;

namespace StreamWatch.Alerting.Webhooks;

/// <summary>
/// Delivers the notification outbox to the configured receivers, at least once and in order.
/// <list type="number">
/// <item>The outbox loop reads the outbox head, renders it for every receiver subscribed to its
/// event (the failover recommendation from the engine's current health is fixed here, in the
/// body) and moves it into the receivers' durable queues in one Lua script that first checks the
/// head is still the same record: a crash before the script leaves the record in the outbox, a
/// crash after it leaves the deliveries queued, and a repeat does nothing.</item>
/// <item>One worker per receiver sends its queue head until it succeeds, is rejected (4xx other
/// than 408/429: dead letter, <c>failed</c>) or is older than <c>maxAge</c> (dead letter), and only
/// then removes it, in the script that records the outcome. Sequential per receiver, so deliveries
/// of one alert arrive in order; retries use exponential backoff with full jitter, honour
/// <c>Retry-After</c>, and pause behind the receiver's circuit breaker.</item>
/// </list>
/// A stop lets the attempt in flight finish and be recorded, so a restart sends nothing twice;
/// a crash between a successful POST and its record resends it with the same delivery id.
/// </summary>
internal sealed partial class WebhookDispatcher : BackgroundService
{
    /// <summary>Name of the HttpClient (no standard resilience: the dispatcher retries itself and must see every failure).</summary>
    public const string HttpClientName = "webhooks";

    private static readonly TimeSpan RedisRetryDelay = TimeSpan.FromSeconds(1);

    private readonly WebhookStore? _store;
    private readonly IAlertEngine _engine;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _time;
    private readonly WebhookSignal _signal;
    private readonly WebhookMetrics _metrics;
    private readonly WebhookDispatchOptions _options;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly ReceiverWorker[] _workers;
    private readonly Dictionary<string, ReceiverWorker> _byName = new(StringComparer.Ordinal);
    private readonly string _replica = Guid.NewGuid().ToString("N");
    private readonly Lock _randomGate = new();
    private readonly Random _random = new();

    public WebhookDispatcher(
        IOptions<WebhooksOptions> receivers,
        IOptions<WebhookDispatchOptions> options,
        IAlertEngine engine,
        IHttpClientFactory httpClientFactory,
        TimeProvider time,
        WebhookSignal signal,
        WebhookMetrics metrics,
        ILogger<WebhookDispatcher> logger,
        WebhookStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(receivers);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _engine = engine;
        _httpClientFactory = httpClientFactory;
        _time = time;
        _signal = signal;
        _metrics = metrics;
        _options = options.Value;
        _logger = logger;
        _workers = new ReceiverWorker[receivers.Value.Receivers.Count];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new ReceiverWorker(receivers.Value.Receivers[i]);
            _byName[_workers[i].Options.Name] = _workers[i];
        }
    }

    /// <summary>The receivers, in configuration order.</summary>
    public IReadOnlyList<ReceiverWorker> Receivers => _workers;

    /// <summary>The receiver named <paramref name="name"/>, or null.</summary>
    public ReceiverWorker? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The store; null when webhooks are disabled for lack of Redis.</summary>
    public WebhookStore? Store => _store;

    public override void Dispose()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_store is null)
        {
            Log.NoRedis(_logger);
            return;
        }

        if (_workers.Length == 0)
        {
            // Nothing to deliver to: the outbox is left as the store wrote it rather than drained
            // into nowhere (a receiver added later gets what is younger than its maxAge).
            Log.NoReceivers(_logger);
            return;
        }

        try
        {
            await _store.Connection.GetSubscriber().SubscribeAsync(_store.Keys.OutboxSignal, (_, _) => _signal.Wake()).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Log.NoSubscription(_logger, exception, _options.PollInterval);
        }

        Log.Started(_logger, _workers.Length);
        var tasks = new Task[_workers.Length + 1];
        tasks[0] = RunOutboxAsync(_store, stoppingToken);
        for (var i = 0; i < _workers.Length; i++)
        {
            var worker = _workers[i];
            tasks[i + 1] = Task.Run(() => RunReceiverAsync(_store, worker, stoppingToken), CancellationToken.None);
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunOutboxAsync(WebhookStore store, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var burst = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var head = await store.OutboxHeadAsync().ConfigureAwait(false);
                if (head is not null)
                {
                    burst = TimeSpan.Zero;
                    await FanOutAsync(store, head).ConfigureAwait(false);
                    continue;
                }

                // Woken by the engine, the store may still be committing: look again shortly (or at
                // once on the store's pub/sub signal), on the real clock since this waits for Redis,
                // not for alert time, doubling up to 256 ms (the store may batch its commits).
                if (burst > TimeSpan.Zero && burst <= TimeSpan.FromMilliseconds(256))
                {
                    await _signal.WaitAsync(burst, TimeProvider.System, stoppingToken).ConfigureAwait(false);
                    burst *= 2;
                    continue;
                }

                await _signal.WaitAsync(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                burst = _signal.TakeHint() ? TimeSpan.FromMilliseconds(1) : TimeSpan.Zero;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                Log.RedisUnavailable(_logger, exception);
                await DelayAsync(RedisRetryDelay, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
            {
                // A bug must not stop every future notification: log it and go on after a pause.
                Log.Unexpected(_logger, exception, "outbox");
                await DelayAsync(RedisRetryDelay, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task FanOutAsync(WebhookStore store, string head)
    {
        NotificationRecord? notification;
        try
        {
            notification = JsonSerializer.Deserialize(head, NotificationJsonContext.Default.NotificationRecord);
            if (notification?.Alert is null)
            {
                throw new JsonException("The record has no alert.");
            }
        }
        catch (JsonException exception)
        {
            // A record nobody can read would block every notification behind it: drop it, loudly.
            Log.UnreadableRecord(_logger, exception, head.Length > 512 ? head[..512] : head);
            await store.FanOutAsync(head, []).ConfigureAwait(false);
            return;
        }

        var deliveries = new List<(string Receiver, string Delivery)>(_workers.Length);
        FailoverRecommendation? recommendation = null;
        var now = _time.GetUtcNow();
        foreach (var worker in _workers)
        {
            var receiver = worker.Options;
            if (!receiver.Subscribes(notification.Event))
            {
                continue;
            }

            if (now - notification.At > receiver.MaxAge)
            {
                // Older than the receiver would be retried for (e.g. the outbox waited while webhooks
                // were off): news that stale would only mislead a failover hook.
                _metrics.Attempt(receiver.Name, "dead_letter");
                Log.Expired(_logger, receiver.Name, notification.Id, receiver.MaxAge);
                continue;
            }

            // Computed once per notification, when it leaves the outbox: every receiver and every
            // retry sees the same advice, taken as close to detection as possible.
            recommendation ??= FailoverRecommendation.For(notification, _engine.GetHealth());
            var id = WebhookRenderer.DeliveryId(notification, receiver.Name);
            var delivery = new WebhookDelivery
            {
                Id = id,
                Receiver = receiver.Name,
                NotificationId = notification.Id,
                Fingerprint = notification.Alert.Fingerprint,
                Ordinal = notification.Ordinal,
                Event = notification.Event,
                At = notification.At,
                QueuedAt = now,
                Body = WebhookRenderer.Render(notification, receiver, recommendation, id),
            };
            deliveries.Add((receiver.Name, JsonSerializer.Serialize(delivery, WebhookJsonContext.Default.WebhookDelivery)));
        }

        if (await store.FanOutAsync(head, deliveries).ConfigureAwait(false))
        {
            foreach (var (receiver, _) in deliveries)
            {
                _byName[receiver].Wake();
            }
        }
    }

    private async Task RunReceiverAsync(WebhookStore store, ReceiverWorker worker, CancellationToken stoppingToken)
    {
        var name = worker.Options.Name;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var head = await store.QueueHeadAsync(name).ConfigureAwait(false);
                    if (head is null)
                    {
                        await WebhookSignal.WaitAsync(worker.Signal, _options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                        continue;
                    }

                    if (!await HoldLeaseAsync(store, worker).ConfigureAwait(false))
                    {
                        // Another replica delivers this queue; take over if its lease lapses.
                        await DelayAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
                        continue;
                    }

                    await DeliverAsync(store, worker, head, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    Log.RedisUnavailable(_logger, exception);
                    await DelayAsync(RedisRetryDelay, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
                {
                    Log.Unexpected(_logger, exception, name);
                    await DelayAsync(RedisRetryDelay, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (worker.LeaseAt is not null)
            {
                try
                {
                    await store.ReleaseLeaseAsync(name, _replica).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    // It expires by itself.
                }
            }
        }
    }

    private async Task<bool> HoldLeaseAsync(WebhookStore store, ReceiverWorker worker)
    {
        var now = _time.GetUtcNow();
        if (worker.LeaseAt is { } at && now - at < _options.LeaseDuration / 3 && now >= at)
        {
            return true;
        }

        if (await store.HoldLeaseAsync(worker.Options.Name, _replica, _options.LeaseDuration).ConfigureAwait(false))
        {
            worker.LeaseAt = now;
            return true;
        }

        worker.LeaseAt = null;
        return false;
    }

    private async Task DeliverAsync(WebhookStore store, ReceiverWorker worker, string head, CancellationToken stoppingToken)
    {
        var receiver = worker.Options;
        WebhookDelivery? delivery;
        try
        {
            delivery = JsonSerializer.Deserialize(head, WebhookJsonContext.Default.WebhookDelivery);
            if (delivery?.Body is null)
            {
                throw new JsonException("The delivery has no body.");
            }
        }
        catch (JsonException exception)
        {
            Log.UnreadableRecord(_logger, exception, head.Length > 512 ? head[..512] : head);
            var unreadable = new WebhookAttempt { DeliveryId = "?", Fingerprint = "?", Event = "?", Attempt = 0, At = _time.GetUtcNow(), Result = "failed", Error = "unreadable delivery record" };
            await CompleteAsync(store, receiver.Name, head, unreadable, deadLetter: null, stoppingToken).ConfigureAwait(false);
            return;
        }

        var body = Encoding.UTF8.GetBytes(delivery.Body);
        for (var attempt = 1; ; attempt++)
        {
            var wait = worker.Breaker.WaitBeforeAttempt(_time.GetUtcNow());
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
            }

            if (!await HoldLeaseAsync(store, worker).ConfigureAwait(false))
            {
                return;
            }

            // Not cancelled by the stopping token: an attempt in flight finishes and is recorded.
            var outcome = await SendAsync(receiver, delivery, body).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            _metrics.Delivery(receiver.Name, outcome.Elapsed);
            var entry = new WebhookAttempt
            {
                DeliveryId = delivery.Id,
                Fingerprint = delivery.Fingerprint,
                Event = delivery.Event,
                Attempt = attempt,
                At = now,
                Result = "success",
                Status = outcome.Status,
                Error = outcome.Error,
                DurationSeconds = Math.Round(outcome.Elapsed.TotalSeconds, 6),
                AgeSeconds = Math.Round((now - delivery.At).TotalSeconds, 6),
            };

            if (outcome.Error is null)
            {
                worker.Breaker.OnSuccess();
                worker.LastSuccessAt = now;
                _metrics.Attempt(receiver.Name, "success");
                _metrics.Latency(receiver.Name, now - delivery.At);
                Log.Delivered(_logger, receiver.Name, delivery.Id, attempt, outcome.Status);
                await CompleteAsync(store, receiver.Name, head, entry, deadLetter: null, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            worker.LastFailureAt = now;
            worker.LastError = outcome.Error;
            if (!outcome.Retryable)
            {
                // The receiver answered, so it is up: a rejection does not count towards the breaker.
                worker.Breaker.OnSuccess();
                await GiveUpAsync(store, worker, head, delivery, entry with { Result = "failed" }, attempt, outcome.Error).ConfigureAwait(false);
                return;
            }

            if (worker.Breaker.OnFailure(now))
            {
                Log.BreakerOpened(_logger, receiver.Name, worker.Breaker.OpenUntil ?? now, worker.Breaker.ConsecutiveFailures);
            }

            var deadline = delivery.At + receiver.MaxAge;
            if (now >= deadline)
            {
                await GiveUpAsync(store, worker, head, delivery, entry with { Result = "dead_letter" }, attempt, outcome.Error).ConfigureAwait(false);
                return;
            }

            _metrics.Attempt(receiver.Name, "retry");
            await store.RecordAsync(receiver.Name, Serialize(entry with { Result = "retry" }), _options.HistoryLimit).ConfigureAwait(false);
            TimeSpan delay;
            lock (_randomGate)
            {
                delay = RetryBackoff.Delay(attempt, receiver.BackoffBase, receiver.BackoffMax, _random);
            }

            if (outcome.RetryAfter is { } retryAfter && retryAfter > delay)
            {
                delay = retryAfter;
            }

            // The last attempt goes out at maxAge, not after it.
            if (now + delay > deadline)
            {
                delay = deadline - now;
            }

            Log.Retrying(_logger, receiver.Name, delivery.Id, attempt, outcome.Error, delay);
            await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task GiveUpAsync(WebhookStore store, ReceiverWorker worker, string head, WebhookDelivery delivery, WebhookAttempt entry, int attempts, string error)
    {
        _metrics.Attempt(worker.Options.Name, entry.Result);
        Log.GaveUp(_logger, worker.Options.Name, delivery.Id, entry.Result, attempts, error);
        var deadLetter = new DeadLetter { Delivery = delivery, At = entry.At, Result = entry.Result, Reason = error, Attempts = attempts };
        await CompleteAsync(store, worker.Options.Name, head, entry, deadLetter, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Records the outcome and removes the head, retrying Redis failures (the outcome must not be lost while Redis restarts).</summary>
    private async Task CompleteAsync(WebhookStore store, string receiver, string head, WebhookAttempt entry, DeadLetter? deadLetter, CancellationToken cancellationToken)
    {
        var attempt = Serialize(entry);
        var dead = deadLetter is null ? null : JsonSerializer.Serialize(deadLetter, WebhookJsonContext.Default.DeadLetter);
        for (var tries = 0; ; tries++)
        {
            try
            {
                await store.CompleteAsync(receiver, head, attempt, _options.HistoryLimit, dead, _options.DeadLetterLimit).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException && tries < 30)
            {
                Log.RedisUnavailable(_logger, exception);
                await Task.Delay(RedisRetryDelay, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<SendOutcome> SendAsync(WebhookReceiverOptions receiver, WebhookDelivery delivery, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("X-StreamWatch-Delivery", delivery.Id);
        request.Headers.TryAddWithoutValidation("X-StreamWatch-Event", delivery.Event);
        request.Headers.TryAddWithoutValidation("X-StreamWatch-Signature", WebhookSignature.Compute(receiver.Secret, _time.GetUtcNow().ToUnixTimeSeconds(), body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("StreamWatch-Webhooks", "1"));

        // The timeout is real time: it bounds a network wait, which the engine clock knows nothing about.
        using var timeout = new CancellationTokenSource(receiver.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var client = _httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return new SendOutcome(status, null, false, null, elapsed);
            }

            return new SendOutcome(status, $"HTTP {status}", RetryBackoff.IsRetryable(status), RetryBackoff.RetryAfter(response.Headers.RetryAfter, _time.GetUtcNow()), elapsed);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new SendOutcome(0, $"timeout after {RetryBackoff.Seconds(receiver.Timeout)}", true, null, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException exception)
        {
            return new SendOutcome(0, "network error: " + (exception.InnerException?.Message ?? exception.Message), true, null, Stopwatch.GetElapsedTime(started));
        }
    }

    private static string Serialize(WebhookAttempt entry) => JsonSerializer.Serialize(entry, WebhookJsonContext.Default.WebhookAttempt);

    private async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private readonly record struct SendOutcome(int Status, string? Error, bool Retryable, TimeSpan? RetryAfter, TimeSpan Elapsed);
}
