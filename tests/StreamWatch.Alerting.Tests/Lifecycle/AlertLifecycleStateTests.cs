using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Tests.Lifecycle;

public sealed class AlertLifecycleStateTests
{
    [Fact]
    public void AlertState_MapsToTheWireEnum()
    {
        Assert.Equal(AlertState.Pending, AlertLifecycleState.Pending.ToContract());
        Assert.Equal(AlertState.Firing, AlertLifecycleState.Firing.ToContract());
        Assert.Equal(AlertState.Resolved, AlertLifecycleState.Resolved.ToContract());
        Assert.Equal(AlertState.Unspecified, AlertLifecycleState.Inactive.ToContract());
    }
}
