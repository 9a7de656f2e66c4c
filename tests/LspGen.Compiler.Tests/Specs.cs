using LspGen.Spec.Model;
using LspGen.Spec.Syntax;

namespace LspGen.Compiler.Tests;

/// <summary>Spec documents built in C#, as the front end would produce them (nothing defaulted).</summary>
public static class Specs
{
    private static readonly SourceRange R = SourceRange.At(0, 0);

    public static Located<T> L<T>(T value) => new(value, R);

    public static FieldSpec Field(
        string name, string type, bool? primaryKey = null, bool? nullable = null, bool? unique = null,
        bool? index = null, long? maxLength = null, ScalarValue? @default = null, string? references = null,
        string? description = null) =>
        new(L(name), L(type),
            primaryKey is { } pk ? L(pk) : null,
            nullable is { } n ? L(n) : null,
            unique is { } u ? L(u) : null,
            index is { } i ? L(i) : null,
            maxLength is { } m ? L(m) : null,
            @default is { } d ? L(d) : null,
            references is { } r ? L(r) : null,
            description is { } desc ? L(desc) : null,
            R);

    public static EntitySpec Entity(string name, params FieldSpec[] fields) =>
        new(L(name), null, null, null, fields, R);

    public static SpecDocument Document(string projectName, AuthSpec? auth, params EntitySpec[] entities) =>
        new(SourceKind.Yaml, L("1.0"), L(projectName), null, null, auth, entities, [], [], R);

    public static AuthSpec AuthDisabled => new(L(false), null, null, R);

    public static ScalarValue Str(string text) => new(text, true);
    public static ScalarValue Plain(string text) => new(text, false);

    /// <summary>Project and Task (Task references Project), auth on by default.</summary>
    public static SpecDocument TaskManager() => Document("task_manager", null,
        Entity("Project",
            Field("id", "uuid", primaryKey: true),
            Field("name", "string", nullable: false, maxLength: 200),
            Field("description", "text")) with { Description = L("A body of work") },
        Entity("Task",
            Field("title", "string", nullable: false, maxLength: 200),
            Field("done", "boolean", nullable: false, @default: Plain("false")),
            Field("priority", "integer", @default: Plain("3")),
            Field("due_at", "datetime"),
            Field("project_id", "uuid", nullable: false, references: "Project")))
        with
        {
            Description = L("Tracks projects and their tasks"),
            UserStories = [new UserStorySpec(L("project lead"), L("to split a project into tasks"), L("nothing is forgotten"), R)],
            Integrations = [new IntegrationSpec(L("Slack"), L("notify a channel when a task is done"), R)],
        };

    /// <summary>Customer, Product, Order → Customer, OrderItem → Order and Product; integer key on Product.</summary>
    public static SpecDocument Ecommerce() => Document("shop", null,
        Entity("Customer",
            Field("email", "string", nullable: false, unique: true, maxLength: 320),
            Field("full_name", "string", nullable: false, maxLength: 120),
            Field("vip", "boolean", @default: Plain("false"))),
        Entity("Product",
            Field("id", "integer", primaryKey: true),
            Field("sku", "string", nullable: false, unique: true, maxLength: 12),
            Field("name", "string", nullable: false),
            Field("price", "float", nullable: false),
            Field("stock", "integer", nullable: false, @default: Plain("0"), index: true),
            Field("notes", "text", description: "Internal \"notes\"; not shown to customers")),
        Entity("Order",
            Field("customer_id", "uuid", nullable: false, references: "Customer"),
            Field("placed_at", "datetime"),
            Field("status", "string", nullable: false, maxLength: 20, @default: Str("new"))),
        Entity("OrderItem",
            Field("order_id", "uuid", nullable: false, references: "Order"),
            Field("product_id", "integer", nullable: false, references: "Product"),
            Field("quantity", "integer", nullable: false),
            Field("gift_for_order_id", "uuid", references: "Order")));

    /// <summary>
    /// Auth disabled; Category has no API (crud: false), a nullable self reference and a nullable
    /// reference to Entry, which references Category back (a cycle the migration must break).
    /// </summary>
    public static SpecDocument NoAuth() => Document("guestbook", AuthDisabled,
        Entity("Category",
            Field("label", "string", nullable: false, maxLength: 40),
            Field("parent_id", "uuid", references: "Category"),
            Field("featured_entry_id", "uuid", references: "Entry")) with { Crud = L(false) },
        Entity("Entry",
            Field("author", "string", maxLength: 80),
            Field("message", "text", nullable: false),
            Field("category_id", "uuid", nullable: false, references: "Category"),
            Field("rating", "float", @default: Plain("4.5")),
            Field("seen_on", "datetime", @default: Str("2024-01-31T12:00:00Z"))),
        Entity("Tag",
            Field("code", "integer", primaryKey: true),
            Field("slug", "string", unique: true, maxLength: 3)));

}
