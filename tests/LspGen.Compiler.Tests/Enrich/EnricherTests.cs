using LspGen.Compiler.Enrich;
using static LspGen.Compiler.Tests.Specs;

namespace LspGen.Compiler.Tests.Enrich;

public class EnricherTests
{
    private static EntityModel Entity(ProjectModel model, string className) =>
        model.Entities.Single(e => e.ClassName == className);

    [Fact]
    public void Absent_blocks_get_their_defaults()
    {
        var model = Enricher.Enrich(Document("notes", null, Specs.Entity("Note", Field("body", "text"))));

        Assert.True(model.Auth.Enabled);
        Assert.Equal(30, model.Auth.AccessTokenExpiryMinutes);
        Assert.Equal("16", model.PostgresVersion);
        Assert.Equal("Notes", model.Title);
        var note = Assert.Single(model.Entities);
        Assert.True(note.Crud);
        Assert.Same(note, Assert.Single(model.CrudEntities));
    }

    [Fact]
    public void A_declared_datetime_timestamp_is_the_generated_column_not_a_second_one()
    {
        var model = Enricher.Enrich(Document("notes", null,
            Specs.Entity("Note", Field("body", "text"), Field("created_at", "datetime"), Field("updatedAt", "datetime"))));

        var note = Assert.Single(model.Entities);
        Assert.Equal(["id", "body"], note.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Explicit_settings_win_over_defaults()
    {
        var doc = Document("notes", new LspGen.Spec.Model.AuthSpec(L(true), L("jwt"), L(90L), default),
            Specs.Entity("Note", Field("body", "text")) with { Crud = L(false), TableName = L("note_store") })
            with { Database = new LspGen.Spec.Model.DatabaseSpec(L("postgres"), L("17"), default) };

        var model = Enricher.Enrich(doc);

        Assert.Equal(90, model.Auth.AccessTokenExpiryMinutes);
        Assert.Equal("17", model.PostgresVersion);
        var note = Assert.Single(model.Entities);
        Assert.False(note.Crud);
        Assert.Empty(model.CrudEntities);
        Assert.Equal("note_store", note.TableName);
    }

    [Fact]
    public void Field_defaults_nullable_true_max_length_255_and_primary_key_not_null()
    {
        var model = Enricher.Enrich(Document("p", null, Specs.Entity("Thing",
            Field("code", "integer", primaryKey: true),
            Field("label", "string"),
            Field("count", "integer", nullable: false),
            Field("body", "text"))));
        var thing = Entity(model, "Thing");

        Assert.Equal("code", thing.PrimaryKey.Name);
        Assert.False(thing.PrimaryKey.Nullable);
        Assert.True(thing.PrimaryKey.Identity);
        Assert.False(thing.PrimaryKey.RequiredOnCreate);
        var label = thing.DataFields.Single(f => f.Name == "label");
        Assert.True(label.Nullable);
        Assert.Equal(255, label.MaxLength);
        Assert.Equal("sa.String(255)", label.SqlType);
        Assert.Null(thing.DataFields.Single(f => f.Name == "body").MaxLength);
        Assert.Equal(["count"], thing.RequiredFields.Select(f => f.Name));
    }

    [Fact]
    public void Missing_primary_key_becomes_a_uuid_id_in_first_position()
    {
        var model = Enricher.Enrich(Document("p", null, Specs.Entity("Thing", Field("label", "string"))));
        var thing = Entity(model, "Thing");

        Assert.Equal(["id", "label"], thing.Fields.Select(f => f.Name));
        Assert.Equal("uuid", thing.PrimaryKey.Type);
        Assert.True(thing.PrimaryKey.GeneratedUuid);
        Assert.Equal("uuid.UUID", thing.PrimaryKey.PythonType);
    }

    [Fact]
    public void A_declared_primary_key_moves_first()
    {
        var model = Enricher.Enrich(Document("p", null, Specs.Entity("Thing",
            Field("label", "string"), Field("key", "uuid", primaryKey: true))));

        Assert.Equal(["key", "label"], Entity(model, "Thing").Fields.Select(f => f.Name));
    }

    [Theory]
    [InlineData("OrderItem", "order_item", "order_items", "/order-items", "Order Item")]
    [InlineData("Category", "category", "categories", "/categories", "Category")]
    [InlineData("Person", "person", "people", "/people", "Person")]
    [InlineData("Address", "address", "addresses", "/addresses", "Address")]
    [InlineData("orderItem", "order_item", "order_items", "/order-items", "Order Item")]
    [InlineData("Status", "status", "statuses", "/statuses", "Status")]
    public void Names_are_derived_once(string written, string module, string plural, string route, string title)
    {
        var model = Enricher.Enrich(Document("p", null, Specs.Entity(written, Field("label", "string"))));
        var entity = Assert.Single(model.Entities);

        Assert.Equal(Spec.Naming.ToPascalCase(written), entity.ClassName);
        Assert.Equal(module, entity.Module);
        Assert.Equal(plural, entity.Plural);
        Assert.Equal(plural, entity.TableName);
        Assert.Equal(route, entity.RoutePath);
        Assert.Equal(route[1..], entity.Tag);
        Assert.Equal(title, entity.Title);
    }

    [Fact]
    public void References_resolve_to_the_target_key_and_get_an_index()
    {
        var model = Enricher.Enrich(Ecommerce());
        var item = Entity(model, "OrderItem");

        var product = item.DataFields.Single(f => f.Name == "product_id");
        Assert.Equal("products.id", product.References!.ColumnPath);
        Assert.Equal("integer", product.Type); // takes the type of Product's integer key
        Assert.True(product.Index);
        Assert.Null(product.References.OnDelete); // non-nullable: NO ACTION, deleting the parent answers 409
        Assert.Equal("ix_order_items_product_id", product.IndexName);
        Assert.Equal("fk_order_items_product_id_products", product.ForeignKeyName);

        var gift = item.DataFields.Single(f => f.Name == "gift_for_order_id");
        Assert.Equal("SET NULL", gift.References!.OnDelete);
        Assert.Equal(["order_id", "product_id", "gift_for_order_id"], item.ReferenceFields.Select(f => f.Name));
    }

    [Fact]
    public void Required_on_create_means_not_null_without_default_and_not_the_key()
    {
        var task = Entity(Enricher.Enrich(TaskManager()), "Task");

        Assert.Equal(["title", "project_id"], task.RequiredFields.Select(f => f.Name));
        Assert.False(task.DataFields.Single(f => f.Name == "done").RequiredOnCreate); // has a default
        Assert.Equal(["title", "done", "project_id"], task.NonNullableDataFields.Select(f => f.Name));
    }

    [Fact]
    public void Creation_order_puts_referenced_tables_first_and_defers_cyclic_foreign_keys()
    {
        var shop = Enricher.Enrich(Ecommerce());
        Assert.Equal(["Customer", "Product", "Order", "OrderItem"], shop.CreationOrder.Select(e => e.ClassName));
        Assert.Equal(["OrderItem", "Order", "Product", "Customer"], shop.DropOrder.Select(e => e.ClassName));

        var guestbook = Enricher.Enrich(NoAuth());
        Assert.Equal(["Tag", "Category", "Entry"], guestbook.CreationOrder.Select(e => e.ClassName));
        var category = Entity(guestbook, "Category");
        var deferred = Assert.Single(category.DeferredForeignKeys);
        Assert.Equal("featured_entry_id", deferred.Name);
        Assert.True(category.DataFields.Single(f => f.Name == "featured_entry_id").ForeignKeyDeferred);
        Assert.False(category.DataFields.Single(f => f.Name == "parent_id").ForeignKeyDeferred); // a self reference is inline
    }

    [Fact]
    public void The_delete_test_knows_which_not_null_reference_blocks_a_delete()
    {
        var shop = Enricher.Enrich(Ecommerce());

        Assert.Equal(new IncomingReference("OrderItem", "order_item", "order_id"), Entity(shop, "Order").Test.BlockingReference);
        Assert.Equal(new IncomingReference("Order", "order", "customer_id"), Entity(shop, "Customer").Test.BlockingReference);
        Assert.Null(Entity(shop, "OrderItem").Test.BlockingReference);
        Assert.Null(Entity(Enricher.Enrich(NoAuth()), "Entry").Test.BlockingReference); // only nullable references point at it
    }

    [Fact]
    public void Test_factories_never_follow_a_nullable_cycle()
    {
        var category = Entity(Enricher.Enrich(NoAuth()), "Category");

        Assert.Equal(["label"], category.Test.Samples.Select(f => f.Name));
    }

    [Fact]
    public void Defaults_are_normalised_for_their_type()
    {
        var doc = Document("p", null, Specs.Entity("Thing",
            Field("a", "integer", @default: Plain("+7")),
            Field("b", "float", @default: Plain("1.50")),
            Field("c", "boolean", @default: Plain("True")),
            Field("d", "datetime", @default: Str("2024-01-31T12:00:00Z")),
            Field("e", "uuid", @default: Str("0F8FAD5B-D9CB-469F-A165-70867728950E")),
            Field("f", "string", @default: Str("x\"y"))));

        var values = Entity(Enricher.Enrich(doc), "Thing").DataFields.Select(f => f.Default!.Text.Value);

        Assert.Equal(["7", "1.5", "true", "2024-01-31T12:00:00+00:00", "0f8fad5b-d9cb-469f-a165-70867728950e", "x\"y"], values);
    }

    [Fact]
    public void Long_constraint_names_are_shortened_to_63_characters_and_stay_distinct()
    {
        var longName = new string('a', 40);
        var doc = Document("p", null, Specs.Entity("Thing",
            Field(longName + "_one", "uuid", references: "Thing"),
            Field(longName + "_two", "uuid", references: "Thing")));

        var fields = Entity(Enricher.Enrich(doc), "Thing").ReferenceFields;

        Assert.All(fields, f => Assert.True(f.ForeignKeyName.Length <= 63, f.ForeignKeyName));
        Assert.NotEqual(fields[0].ForeignKeyName, fields[1].ForeignKeyName);
    }

    [Fact]
    public void Integrations_get_unique_environment_setting_names()
    {
        var doc = TaskManager() with
        {
            Integrations =
            [
                new(L("Stripe Payments"), null, default),
                new(L("stripe-payments"), L("again"), default),
                new(L("3D Secure"), null, default),
                new(L("Ünïcode ✓"), null, default),
            ],
        };

        var names = Enricher.Enrich(doc).Integrations.Select(i => i.SettingName);

        Assert.Equal(["STRIPE_PAYMENTS_API_KEY", "STRIPE_PAYMENTS_2_API_KEY", "X_3_D_SECURE_API_KEY", "N_CODE_API_KEY"], names);
    }

    [Fact]
    public void User_text_cannot_be_printed_without_an_escaping_helper()
    {
        var text = new UserText("hello");

        Assert.Throws<InvalidOperationException>(() => text.ToString());
    }
}
