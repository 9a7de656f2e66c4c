using System.Security.Cryptography;
using System.Text;

namespace LspGen.Spec;

/// <summary>
/// The names of the database objects generated for a table: its primary key, indexes, unique
/// constraints, foreign keys and identity sequence. Derived here once, for the enricher (which writes
/// them) and the validator (which checks that no two objects share a name).
/// </summary>
public static class RelationNames
{
    // PostgreSQL identifiers hold 63 bytes and SQLAlchemy refuses longer explicit names; a long name
    // keeps a readable prefix and a hash of the whole, so distinct long names stay distinct.
    private const int MaxIdentifierLength = 63;

    /// <summary>PostgreSQL's own name for a table's primary key (SQLAlchemy leaves it unnamed).</summary>
    public static string PrimaryKey(string table) => table + "_pkey";

    /// <summary>PostgreSQL's own name for the sequence behind an identity column.</summary>
    public static string IdentitySequence(string table, string column) => table + "_" + column + "_seq";

    public static string Index(string table, string column) => Shortened("ix_" + table + "_" + column);

    public static string Unique(string table, string column) => Shortened("uq_" + table + "_" + column);

    public static string ForeignKey(string table, string column, string targetTable) =>
        Shortened("fk_" + table + "_" + column + "_" + targetTable);

    /// <summary>The owner column's index and foreign key, on every table while auth is on.</summary>
    public static string OwnerIndex(string table) => Index(table, "user_id");

    public static string OwnerForeignKey(string table) => ForeignKey(table, "user_id", "users");

    private static string Shortened(string name)
    {
        if (name.Length <= MaxIdentifierLength) return name;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        return name[..(MaxIdentifierLength - 9)] + "_" + hash;
    }
}
