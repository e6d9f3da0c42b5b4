using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Wick.Algebra.Syntax;

namespace Wick.Algebra.Tests.Output;

/// <summary>
/// <see cref="JsonOutput"/> (what every <c>--format json</c> prints, also in the Native AOT build) writes exactly what
/// System.Text.Json's reflection serializer writes with the CLI's options — checked against it on the shapes reports
/// use and on random nested values.
/// </summary>
public class JsonOutputTests
{
    private static readonly JsonSerializerOptions Reference = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static string Expected(object value) => JsonSerializer.Serialize(value, value.GetType(), Reference);

    public enum Kind { Linear, Mlp }
    public sealed record Row(int Layer, double? Value, string Name, IReadOnlyList<double> Terms);
    public record Base(string Command) { public int Version => 3; }
    public sealed record Derived(string Command, Kind Model, Base? Inner) : Base(Command);

    private static IEnumerable<TestCaseData> Shapes()
    {
        yield return new TestCaseData(new { command = "eval", widths = "8x10", cw = 1.0, cb = 0.0, exact = false, note = (string?)null }).SetName("anonymous");
        yield return new TestCaseData(new { rows = new[] { new Row(1, 0.5, "G4^(l+1)", [1e-300, -0.0, 3.25]), new Row(2, null, "l+1 <a> & \"q\"", []) } }).SetName("records in arrays");
        yield return new TestCaseData(new Dictionary<string, object?> { ["nan"] = double.NaN, ["inf"] = double.PositiveInfinity, ["neg"] = double.NegativeInfinity, ["f"] = 0.1f, ["m"] = 1.5m, ["big"] = long.MaxValue, ["u"] = ulong.MaxValue }).SetName("numbers and named literals");
        yield return new TestCaseData(new { kind = Kind.Mlp, list = new List<object?> { 1, "two", null, new[] { 3.0 }, Kind.Linear }, c = 'x' }).SetName("enums, chars, mixed lists");
        yield return new TestCaseData(new Derived("check", Kind.Mlp, new Base("inner"))).SetName("records with a base type");
        yield return new TestCaseData(new { tree = new JsonObject { ["node"] = "Field", ["neural"] = new JsonArray(1, 2) }, nested = new Dictionary<string, double[]> { ["K"] = [1, 0.5] } }).SetName("JsonNode and typed dictionaries");
        yield return new TestCaseData(new { matrix = new[] { new[] { 1.0, 0.5 }, new[] { 0.5, 1.0 } }, empty = Array.Empty<string>(), unicode = "σ⟨zz⟩_K ≥ 0 – ℓ" }).SetName("jagged arrays and unicode");
    }

    [TestCaseSource(nameof(Shapes))]
    public void Writes_what_System_Text_Json_writes(object value) =>
        Assert.That(JsonOutput.Write(value), Is.EqualTo(Expected(value)));

    private static readonly Gen<object?> Leaf = Gen.OneOf<object?>(
        Gen.Double.Select(d => (object?)d), Gen.Int.Select(i => (object?)i), Gen.String.Select(s => (object?)s),
        Gen.Bool.Select(b => (object?)b), Gen.Const((object?)null));

    private static Gen<object?> Value(int depth) => depth == 0 ? Leaf : Gen.Frequency(
        (3, Leaf),
        (1, Value(depth - 1).List[0, 4].Select(l => (object?)l)),
        (1, Gen.Dictionary(Gen.String[0, 6], Value(depth - 1))[0, 4].Select(d => (object?)d)));

    [Test]
    public void Random_nested_values_write_as_System_Text_Json_writes_them() =>
        Value(3).Where(v => v is not null).Sample(v => JsonOutput.Write(v) == Expected(v!), iter: 3000);

    [Test]
    public void A_BigInteger_is_refused_not_written_as_its_properties() =>
        Assert.That(() => JsonOutput.Write(new { n = System.Numerics.BigInteger.One }), Throws.TypeOf<NotSupportedException>());
}
