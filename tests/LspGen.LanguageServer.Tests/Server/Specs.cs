namespace LspGen.LanguageServer.Tests.Server;

/// <summary>Spec texts the server tests open.</summary>
static class Specs
{
    /// <summary>A valid spec: two entities, Task references Project.</summary>
    public const string Valid = """
        spec_version: "1.0"
        project_name: todo_app
        entities:
          - name: Project
            fields:
              - name: id
                type: uuid
                primary_key: true
              - name: title
                type: string
          - name: Task
            fields:
              - name: id
                type: uuid
                primary_key: true
              - name: project_id
                type: uuid
                references: Project
        """;

    /// <summary>Line 9 has "type: int" (LSG012) at characters 14–17.</summary>
    public const string InvalidType = """
        spec_version: "1.0"
        project_name: todo_app
        entities:
          - name: Task
            fields:
              - name: id
                type: uuid
                primary_key: true
              - name: title
                type: int
        """;

    /// <summary>Two entities named Task (LSG010 with related information pointing at the first).</summary>
    public const string DuplicateEntity = """
        spec_version: "1.0"
        project_name: todo_app
        entities:
          - name: Task
            fields:
              - name: id
                type: uuid
                primary_key: true
          - name: Task
            fields:
              - name: id
                type: uuid
                primary_key: true
        """;
}
