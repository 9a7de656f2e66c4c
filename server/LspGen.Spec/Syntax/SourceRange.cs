namespace LspGen.Spec.Syntax;

/// <summary>A place in a document: 0-based line and 0-based UTF-16 code unit offset within the line.</summary>
public readonly record struct Position(int Line, int Character) : IComparable<Position>
{
    public int CompareTo(Position other) =>
        Line != other.Line ? Line.CompareTo(other.Line) : Character.CompareTo(other.Character);

    public static bool operator <(Position a, Position b) => a.CompareTo(b) < 0;
    public static bool operator >(Position a, Position b) => a.CompareTo(b) > 0;
    public static bool operator <=(Position a, Position b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Position a, Position b) => a.CompareTo(b) >= 0;

    public override string ToString() => FormattableString.Invariant($"{Line + 1}:{Character + 1}");
}

/// <summary>A half-open span [Start, End) of a document, in the same coordinates as <see cref="Position"/>.</summary>
public readonly record struct SourceRange(Position Start, Position End)
{
    public static SourceRange At(int line, int character) => new(new(line, character), new(line, character));

    public static SourceRange Of(int startLine, int startCharacter, int endLine, int endCharacter) =>
        new(new(startLine, startCharacter), new(endLine, endCharacter));

    public bool Contains(Position p) => Start <= p && p <= End;

    public override string ToString() => $"{Start}-{End}";
}

/// <summary>A value from the source together with the range it was written at.</summary>
public readonly record struct Located<T>(T Value, SourceRange Range);
