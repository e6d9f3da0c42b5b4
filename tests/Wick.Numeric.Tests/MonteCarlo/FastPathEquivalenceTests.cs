using Wick.Numeric.MonteCarlo;
using Wick.Numeric.Networks;

namespace Wick.Numeric.Tests.MonteCarlo;

/// <summary>
/// The fast paths of the χ² chain (register-held generator, tighter squeeze, 64-network batches) must draw exactly
/// what the plain per-draw code draws: same numbers, same order, same generator state afterwards.
/// </summary>
public class FastPathEquivalenceTests
{
    [Test]
    public void FillChiSquared_equals_one_draw_at_a_time_bit_for_bit()
    {
        int[] dofs = [1, 2, 3, 4, 5, 7, 100, 1, 8, 64];
        var laws = Enumerable.Range(0, 5000).Select(i => GammaConstants.For(dofs[i % dofs.Length])).ToArray();
        var fast = Xoshiro.ForStream(11, 3);
        var slow = Xoshiro.ForStream(11, 3);
        var a = new double[laws.Length];
        fast.FillChiSquared(laws, a);
        var b = laws.Select(g => g.Sample(ref slow)).ToArray();
        Assert.That(a, Is.EqualTo(b));
        Assert.That(fast.NextNormal(), Is.EqualTo(slow.NextNormal()), "same generator state afterwards");
    }

    [TestCase("100x10", 0.0, 150L)]
    [TestCase("3,17,5,64", 0.5, 129L)]
    [TestCase("2x6", 0.0, 64L)]
    public void Batched_chain_equals_network_by_network(string widths, double cb, long count)
    {
        var net = new DeepLinearNetwork(WidthProfile.Parse(widths), 1.2, cb);
        var job = new McJob(net, NetworkInputs.FromNorm(0.8, 7), 8, count, 5, SamplerKind.ChiSquaredChain);
        int width = net.Depth * job.Observables.PerLayer;
        var batched = new double[width];
        var one = new double[width];
        var rngA = Xoshiro.ForStream(5, 9);
        var rngB = Xoshiro.ForStream(5, 9);
        job.CreateSampler().SampleAndAddMany(ref rngA, count, batched);
        var sampler = job.CreateSampler();
        for (long i = 0; i < count; i++) sampler.SampleAndAdd(ref rngB, one);
        Assert.That(batched, Is.EqualTo(one));
        Assert.That(rngA.NextNormal(), Is.EqualTo(rngB.NextNormal()), "same generator state afterwards");
        Assert.That(batched.Any(x => x != 0), Is.True);
    }
}
