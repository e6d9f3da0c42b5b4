using System.Collections;

namespace Wick.Algebra.Syntax;

/// <summary>
/// An immutable list with element-wise (structural) equality and hashing, so that records holding lists
/// (<see cref="Sum"/>, <see cref="Product"/>, <see cref="Field"/>, …) compare by content, not by reference.
/// </summary>
public sealed class EquatableList<T> : IReadOnlyList<T>, IEquatable<EquatableList<T>>
{
    private readonly T[] _items;
    private readonly int _hash;

    /// <summary>The empty list.</summary>
    public static EquatableList<T> Empty { get; } = new([]);

    /// <summary>A list holding a copy of <paramref name="items"/>.</summary>
    public EquatableList(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = items.ToArray();
        var h = new HashCode();
        h.Add(_items.Length);
        foreach (var item in _items) h.Add(item);
        _hash = h.ToHashCode();
    }

    /// <summary>A list of the given items (in order).</summary>
    public static EquatableList<T> Of(params T[] items) => items.Length == 0 ? Empty : new(items);

    public T this[int index] => _items[index];
    public int Count => _items.Length;
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(EquatableList<T>? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (_hash != other._hash || _items.Length != other._items.Length) return false;
        var cmp = EqualityComparer<T>.Default;
        for (int i = 0; i < _items.Length; i++)
            if (!cmp.Equals(_items[i], other._items[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as EquatableList<T>);
    public override int GetHashCode() => _hash;
    public static bool operator ==(EquatableList<T>? a, EquatableList<T>? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(EquatableList<T>? a, EquatableList<T>? b) => !(a == b);

    /// <summary>Debug spelling: <c>[a, b, c]</c>.</summary>
    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}

/// <summary>Conversions to <see cref="EquatableList{T}"/>.</summary>
public static class EquatableList
{
    /// <summary>A structural list of the given items.</summary>
    public static EquatableList<T> Of<T>(params T[] items) => EquatableList<T>.Of(items);

    /// <summary>A structural list holding the sequence's items.</summary>
    public static EquatableList<T> ToEquatableList<T>(this IEnumerable<T> items) => new(items);
}
