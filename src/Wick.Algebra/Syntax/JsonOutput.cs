using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wick.Algebra.Syntax;

/// <summary>
/// Writes the JSON of every <c>--format json</c> output: reports are plain objects (anonymous types, records,
/// dictionaries, lists, <see cref="JsonNode"/> trees), written the way System.Text.Json's reflection serializer writes
/// them with camelCase property names, relaxed escaping (<c>l+1</c>, not <c>l\u002B1</c>), named floating-point
/// literals and two-space indentation — but by a walk over boxed values, so that it needs no generic instantiation
/// at run time and works unchanged in the Native AOT build of the CLI (docs/BENCHMARKS.md, start-up). As in
/// System.Text.Json, a property declared <c>object</c> is written by its run-time type, any other by its declared
/// type; collections are arrays, dictionary keys are written as they are.
/// </summary>
public static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The value as indented JSON text.</summary>
    public static string Write(object? value) => Write(value, indented: true);

    /// <summary>The value as JSON text, indented or on one line (used to compare values).</summary>
    public static string Write(object? value, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options with { Indented = indented }))
            WriteValue(writer, value, value?.GetType() ?? typeof(object), depth: 0);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private const int MaxDepth = 64; // System.Text.Json's default

    private static void WriteValue(Utf8JsonWriter w, object? value, Type declared, int depth)
    {
        if (depth > MaxDepth) throw new InvalidOperationException($"JSON output nested deeper than {MaxDepth} levels.");
        if (value is null) { w.WriteNullValue(); return; }
        Type type = declared == typeof(object) || declared.IsInterface || declared.IsAbstract || Nullable.GetUnderlyingType(declared) is not null
            ? value.GetType() : declared;
        switch (value)
        {
            case string s: w.WriteStringValue(s); return;
            case bool b: w.WriteBooleanValue(b); return;
            case char c: w.WriteStringValue(c.ToString()); return;
            case double d: WriteDouble(w, d); return;
            case float f: WriteDouble(w, f, single: true); return;
            case decimal m: w.WriteNumberValue(m); return;
            case Enum e: WriteEnum(w, e); return;
            case int or long or short or sbyte: w.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); return;
            case uint or ulong or ushort or byte: w.WriteNumberValue(Convert.ToUInt64(value, CultureInfo.InvariantCulture)); return;
            case JsonNode node: node.WriteTo(w); return;
            case JsonElement element: element.WriteTo(w); return;
            case System.Numerics.BigInteger:
                throw new NotSupportedException("JSON output of a BigInteger: write it as a string (exact rationals are printed as text).");
            case IDictionary dict: WriteDictionary(w, dict, type, depth); return;
            case IEnumerable items: WriteArray(w, items, type, depth); return;
            default: WriteObject(w, value, type, depth); return;
        }
    }

    private static void WriteDouble(Utf8JsonWriter w, double d, bool single = false)
    {
        // JsonNumberHandling.AllowNamedFloatingPointLiterals: NaN and the infinities as strings.
        if (double.IsNaN(d)) w.WriteStringValue("NaN");
        else if (double.IsPositiveInfinity(d)) w.WriteStringValue("Infinity");
        else if (double.IsNegativeInfinity(d)) w.WriteStringValue("-Infinity");
        else if (single) w.WriteNumberValue((float)d);
        else w.WriteNumberValue(d);
    }

    private static void WriteEnum(Utf8JsonWriter w, Enum e)
    {
        // System.Text.Json writes an enum as its underlying number unless told otherwise.
        if (Enum.GetUnderlyingType(e.GetType()) is var u && (u == typeof(ulong) || u == typeof(uint) || u == typeof(ushort) || u == typeof(byte)))
            w.WriteNumberValue(Convert.ToUInt64(e, CultureInfo.InvariantCulture));
        else w.WriteNumberValue(Convert.ToInt64(e, CultureInfo.InvariantCulture));
    }

    private static void WriteDictionary(Utf8JsonWriter w, IDictionary dict, Type type, int depth)
    {
        Type valueType = GenericArgument(type, typeof(IDictionary<,>), 1) ?? typeof(object);
        w.WriteStartObject();
        foreach (DictionaryEntry entry in dict)
        {
            w.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
            WriteValue(w, entry.Value, valueType, depth + 1);
        }
        w.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter w, IEnumerable items, Type type, int depth)
    {
        Type elementType = type.IsArray ? type.GetElementType()! : GenericArgument(type, typeof(IEnumerable<>), 0) ?? typeof(object);
        w.WriteStartArray();
        foreach (object? item in items) WriteValue(w, item, elementType, depth + 1);
        w.WriteEndArray();
    }

    private static void WriteObject(Utf8JsonWriter w, object value, Type type, int depth)
    {
        w.WriteStartObject();
        foreach (var p in Properties(type))
        {
            w.WritePropertyName(JsonNamingPolicy.CamelCase.ConvertName(p.Name));
            WriteValue(w, p.GetValue(value), p.PropertyType, depth + 1);
        }
        w.WriteEndObject();
    }

    // The report types live in Wick's own assemblies, which the AOT build keeps whole (TrimMode=partial), so their
    // public properties are there to read.
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Wick's report types are rooted (TrimMode=partial); see Wick.Cli.csproj.")]
    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0);

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Collection interfaces of rooted types.")]
    private static Type? GenericArgument(Type type, Type openInterface, int position)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == openInterface) return type.GetGenericArguments()[position];
        foreach (var i in type.GetInterfaces())
            if (i.IsGenericType && i.GetGenericTypeDefinition() == openInterface) return i.GetGenericArguments()[position];
        return null;
    }
}
