"""Helpers of tests/e2e/migrations.sh, run inside the trixie test environment in the generated
project's folder (DATABASE_URL and SECRET_KEY set).

  insert STATE SPEC STEP   register (once) and log in a user, create rows of every entity through the
                           generated API, and remember them (values as the database should hold them)
  verify STATE SPEC        carry the remembered rows over to SPEC (renamed_from on entities and
                           fields, new fields hold their default or NULL, removed fields and entities
                           are forgotten), then read every row back with SQL and through the API
  schema STATE SPEC        the database has exactly the tables and columns SPEC describes: types,
                           nullability, max_length, server defaults, unique and foreign keys; the
                           tables of removed entities are gone
  chain VERSIONS_DIR       the revision files form one linear chain in file-name order

STATE is a JSON file that outlives the steps of one walk. Each command prints one summary line last.
"""

import ast
import datetime
import json
import math
import os
import re
import sys
import uuid
from pathlib import Path
from typing import Any

import yaml

PASSWORD = "walk-password-0123456789"
# Columns every generated table has besides the spec's fields (per-user rows, timestamps).
IMPLICIT_COLUMNS = {"user_id", "created_at", "updated_at"}
SQL_TYPES = {
    "string": "character varying",
    "text": "text",
    "integer": "integer",
    "float": "double precision",
    "boolean": "boolean",
    "datetime": "timestamp with time zone",
    "uuid": "uuid",
}


# ---------------------------------------------------------------- spec and state
def load_spec(path: str) -> dict[str, dict[str, Any]]:
    """Entity name -> {"renamed_from", "fields": {field name -> field mapping}} (ids included)."""
    document = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    entities = {}
    for entity in document["entities"]:
        fields = {field["name"]: field for field in entity["fields"]}
        entities[entity["name"]] = {"renamed_from": entity.get("renamed_from"), "fields": fields}
    return entities


def load_state(path: str) -> dict[str, Any]:
    if os.path.exists(path):
        return json.loads(Path(path).read_text(encoding="utf-8"))
    return {"user": None, "entities": None, "rows": [], "removed_tables": []}


def save_state(path: str, state: dict[str, Any]) -> None:
    Path(path).write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")


def is_required(field: dict[str, Any]) -> bool:
    return field.get("nullable") is False or bool(field.get("primary_key"))


def database_url() -> str:
    url = os.environ["DATABASE_URL"]
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", url)


def project_modules():
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("BCRYPT_ROUNDS", "4")
    os.environ.setdefault("COOKIE_SECURE", "false")
    from app import models  # noqa: PLC0415 - the generated project, importable only from its folder

    return models


def table_names(spec: dict[str, Any]) -> dict[str, str]:
    """Entity -> table, as the regenerated models name it."""
    models = project_modules()
    names = {}
    for entity in spec:
        cls = getattr(models, entity, None)
        if cls is None:
            raise SystemExit(f"app/models.py has no class {entity}")
        names[entity] = cls.__tablename__
    return names


# ---------------------------------------------------------------- the API
def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class Api:
    def __init__(self) -> None:
        project_modules()
        from fastapi.testclient import TestClient  # noqa: PLC0415

        from app.main import app  # noqa: PLC0415

        # A server error is a finding to report with the others, not a traceback that ends the run.
        self.client = TestClient(app, raise_server_exceptions=False)
        self.paths = {}
        for path, operations in app.openapi()["paths"].items():
            for operation in operations.values():
                self.paths[operation["operationId"]] = path
        self.headers: dict[str, str] = {}

    def log_in(self, state: dict[str, Any]) -> None:
        if state["user"] is None:
            email = f"walk-{uuid.uuid4().hex[:12]}@example.com"
            response = self.client.post("/auth/register", json={"email": email, "password": PASSWORD})
            expect(response, 201, "register")
            state["user"] = {"email": email, "id": response.json()["id"]}
        response = self.client.post("/auth/login", data={"username": state["user"]["email"], "password": PASSWORD})
        expect(response, 200, "login")
        self.headers = {"Authorization": f"Bearer {response.json()['access_token']}"}

    def create(self, entity: str, payload: dict[str, Any]) -> dict[str, Any]:
        response = self.client.post(self.paths[f"create_{snake(entity)}"], json=payload, headers=self.headers)
        expect(response, 201, f"create {entity} {payload}")
        return response.json()

    def get(self, entity: str, id: str) -> tuple[dict[str, Any] | None, str]:
        path = self.paths[f"get_{snake(entity)}"].replace("{id}", id)
        response = self.client.get(path, headers=self.headers)
        if response.status_code != 200:
            return None, f"GET {path}: HTTP {response.status_code}: {response.text[:300]}"
        return response.json(), ""


def expect(response, status: int, what: str) -> None:
    if response.status_code != status:
        raise SystemExit(f"{what}: HTTP {response.status_code} (expected {status}): {response.text[:500]}")


# ---------------------------------------------------------------- insert
def sample(entity: str, name: str, field: dict[str, Any], step: int, index: int) -> Any:
    kind = field["type"]
    tag = f"{step:02d}{index}-{uuid.uuid4().hex[:8]}"
    if kind == "string":
        return f"{name[:8]}-{tag}"[: field.get("max_length", 255)]
    if kind == "text":
        return f"{entity}.{name} at step {step}, row {index}: Grüße, ✓, 'quotes' \"and\" \\ {tag}"
    if kind == "integer":
        return step * 10 + index
    if kind == "float":
        return step + index + 0.25
    if kind == "boolean":
        return index % 2 == 0
    if kind == "datetime":
        return f"2026-01-{step:02d}T10:20:{index:02d}+00:00"  # one day per step (at most 31)
    if kind == "uuid":
        return str(uuid.uuid4())
    raise SystemExit(f"no sample value for type {kind}")


def creation_order(spec: dict[str, Any]) -> list[str]:
    order: list[str] = []

    def visit(entity: str, path: tuple[str, ...]) -> None:
        if entity in order or entity in path:
            return
        for field in spec[entity]["fields"].values():
            if field.get("references") in spec and field["references"] != entity:
                visit(field["references"], path + (entity,))
        order.append(entity)

    for entity in spec:
        visit(entity, ())
    return order


def insert(state_path: str, spec_path: str, step: int) -> None:
    state = load_state(state_path)
    spec = load_spec(spec_path)
    if state["entities"] is not None and set(state["entities"]) != set(spec):
        raise SystemExit("the state was not carried over to this spec (run verify first)")
    tables = table_names(spec)
    api = Api()
    api.log_in(state)
    created = 0
    for entity in creation_order(spec):
        for index in range(2):
            # Row 0 sets every field; row 1 only what is required and has no default, so the
            # database fills in the rest (defaults, NULL).
            payload, expected = {}, {}
            for name, field in spec[entity]["fields"].items():
                if field.get("primary_key"):
                    continue
                full = index == 0
                if field.get("references"):
                    targets = [r for r in state["rows"] if r["entity"] == field["references"]]
                    if not targets:
                        raise SystemExit(f"{entity}.{name}: no {field['references']} row to reference")
                    value = targets[-1]["id"] if full or is_required(field) else None
                elif full or (is_required(field) and "default" not in field):
                    value = sample(entity, name, field, step, index)
                else:
                    value = field.get("default")
                if full or (is_required(field) and "default" not in field):
                    payload[name] = value
                expected[name] = value
            body = api.create(entity, payload)
            state["rows"].append({"entity": entity, "table": tables[entity], "id": str(body["id"]),
                                  "step": step, "values": expected})
            created += 1
    state["entities"] = spec
    save_state(state_path, state)
    print(f"created {created} rows; {len(state['rows'])} rows remembered")


# ---------------------------------------------------------------- verify
def carry_over(state: dict[str, Any], spec: dict[str, Any]) -> list[str]:
    """Rewrites the remembered rows in terms of SPEC; returns what changed, for the log."""
    previous = state["entities"] or {}
    notes = []
    old_name = {}  # new entity name -> its name in the previous spec
    for entity, definition in spec.items():
        if entity in previous:
            old_name[entity] = entity
        elif definition["renamed_from"] in previous:
            old_name[entity] = definition["renamed_from"]
            notes.append(f"entity {definition['renamed_from']} -> {entity}")
        else:
            notes.append(f"new entity {entity}")
    new_name = {old: new for new, old in old_name.items()}
    tables = table_names(spec)
    kept = []
    for row in state["rows"]:
        entity = new_name.get(row["entity"])
        if entity is None:
            if row["table"] not in state["removed_tables"]:
                state["removed_tables"].append(row["table"])
                notes.append(f"entity {row['entity']} removed (table {row['table']})")
            continue
        old_fields = previous[row["entity"]]["fields"]
        values = {}
        for name, field in spec[entity]["fields"].items():
            if field.get("primary_key"):
                continue
            source = name if name in old_fields else field.get("renamed_from")
            if source in row["values"]:
                values[name] = row["values"][source]
            else:
                values[name] = field.get("default")  # a new column: its default, else NULL
        if row["table"] != tables[entity] and row["table"] not in state["removed_tables"]:
            state["removed_tables"].append(row["table"])  # renamed: the old table must be gone
        row["entity"], row["table"], row["values"] = entity, tables[entity], values
        kept.append(row)
    state["rows"] = kept
    for entity, definition in spec.items():
        if entity not in old_name:
            continue
        old_fields = previous[old_name[entity]]["fields"]
        for name, field in definition["fields"].items():
            if name not in old_fields:
                how = f"renamed from {field['renamed_from']}" if field.get("renamed_from") in old_fields else "new"
                notes.append(f"{entity}.{name} {how}")
    state["entities"] = spec
    return notes


def same(expected: Any, actual: Any, kind: str) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    if kind in ("integer", "float"):
        return math.isclose(float(expected), float(actual), rel_tol=1e-12)
    if kind == "datetime":
        as_datetime = lambda v: v if isinstance(v, datetime.datetime) else datetime.datetime.fromisoformat(v)  # noqa: E731
        return as_datetime(expected) == as_datetime(actual)
    if kind == "uuid":
        return str(expected) == str(actual)
    return expected == actual


def verify(state_path: str, spec_path: str) -> None:
    import psycopg  # noqa: PLC0415

    state = load_state(state_path)
    if not state["rows"]:
        raise SystemExit("no rows remembered: nothing to verify (the walk inserts rows at every step)")
    spec = load_spec(spec_path)
    for note in carry_over(state, spec):
        print("carried over:", note)
    save_state(state_path, state)
    problems = []
    api = Api()
    api.log_in(state)
    with psycopg.connect(database_url()) as connection:
        for row in state["rows"]:
            fields = spec[row["entity"]]["fields"]
            columns = list(row["values"])
            select = ", ".join(f'"{c}"' for c in columns)
            what = f"{row['entity']} {row['id']} (step {row['step']})"
            try:
                found = connection.execute(f'SELECT {select} FROM "{row["table"]}" WHERE id = %s', (row["id"],)).fetchone()
            except psycopg.Error as error:
                connection.rollback()
                problems.append(f"{what}: {str(error).splitlines()[0]}")
                continue
            if found is None:
                problems.append(f"{what}: row missing from {row['table']}")
                continue
            through_api, failure = api.get(row["entity"], row["id"])
            if through_api is None:
                problems.append(f"{what}: {failure}")
            for column, actual in zip(columns, found):
                expected, kind = row["values"][column], fields[column].get("type", "uuid")
                if not same(expected, actual, kind):
                    problems.append(f"{what}: {column} is {actual!r} in SQL, expected {expected!r}")
                if through_api is not None and not same(expected, through_api.get(column), kind):
                    problems.append(f"{what}: {column} is {through_api.get(column)!r} through the API, expected {expected!r}")
    for problem in problems:
        print(problem)
    if problems:
        raise SystemExit(f"{len(problems)} problems in {len(state['rows'])} remembered rows")
    by_entity = {}
    for row in state["rows"]:
        by_entity[row["entity"]] = by_entity.get(row["entity"], 0) + 1
    print(f"{len(state['rows'])} rows intact in SQL and through the API ({', '.join(f'{k} {v}' for k, v in sorted(by_entity.items()))})")


# ---------------------------------------------------------------- schema
def schema(state_path: str, spec_path: str) -> None:
    import psycopg  # noqa: PLC0415

    state = load_state(state_path)
    spec = load_spec(spec_path)
    tables = table_names(spec)
    problems = []
    with psycopg.connect(database_url()) as connection:
        present = {r[0] for r in connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
        for table in state["removed_tables"]:
            if table in present and table not in tables.values():
                problems.append(f"table {table} of a removed entity still exists")
        for entity, definition in spec.items():
            table = tables[entity]
            if table not in present:
                problems.append(f"{entity}: table {table} missing")
                continue
            columns = {r[0]: r[1:] for r in connection.execute(
                "SELECT column_name, data_type, is_nullable, character_maximum_length, column_default "
                "FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %s", (table,))}
            wanted = set(definition["fields"]) | IMPLICIT_COLUMNS
            for extra in sorted(set(columns) - wanted):
                problems.append(f"{table}.{extra}: column not in the spec")
            # Column sets of the unique indexes (a unique constraint has one). Rows belong to users,
            # so the generator makes `unique: true` unique per user: (user_id, column).
            unique = {frozenset(r[0]) for r in connection.execute(
                """SELECT array_agg(a.attname::text) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(i.indkey)
                   WHERE t.relname = %s AND i.indisunique AND NOT i.indisprimary GROUP BY i.indexrelid""", (table,))}
            foreign = {r[0]: r[1] for r in connection.execute(
                """SELECT a.attname, r.relname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                   JOIN pg_class r ON r.oid = c.confrelid
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = c.conkey[1]
                   WHERE c.contype = 'f' AND t.relname = %s AND array_length(c.conkey, 1) = 1""", (table,))}
            for name, field in definition["fields"].items():
                where = f"{table}.{name}"
                if name not in columns:
                    problems.append(f"{where}: column missing")
                    continue
                data_type, is_nullable, max_length, server_default = columns[name]
                kind = field["type"]
                if field.get("references"):
                    target = tables.get(field["references"])
                    if foreign.get(name) != target:
                        problems.append(f"{where}: foreign key to {foreign.get(name)}, expected {target}")
                elif SQL_TYPES[kind] != data_type:
                    problems.append(f"{where}: type {data_type}, expected {SQL_TYPES[kind]} ({kind})")
                if kind == "string" and max_length != field.get("max_length", 255):
                    problems.append(f"{where}: max_length {max_length}, expected {field.get('max_length', 255)}")
                if (is_nullable == "NO") != is_required(field):
                    problems.append(f"{where}: nullable is {is_nullable}, spec says nullable: {not is_required(field)}")
                if "default" in field and server_default is None:
                    problems.append(f"{where}: no server default (spec default {field['default']!r})")
                is_unique = frozenset({name}) in unique or frozenset({"user_id", name}) in unique
                if bool(field.get("unique")) != is_unique:
                    problems.append(f"{where}: unique is {is_unique}, spec says {bool(field.get('unique'))}")
    for problem in problems:
        print(problem)
    if problems:
        raise SystemExit(f"{len(problems)} differences between the database and {os.path.basename(spec_path)}")
    print(f"{len(spec)} tables match {os.path.basename(spec_path)}; {len(state['removed_tables'])} removed tables absent")


# ---------------------------------------------------------------- chain
def chain(versions_dir: str) -> None:
    files = sorted(Path(versions_dir).glob("*.py"))
    if not files:
        raise SystemExit("no revision files")
    previous = None
    for number, path in enumerate(files, start=1):
        if not path.name.startswith(f"{number:04d}_"):
            raise SystemExit(f"{path.name}: expected the file name to start with {number:04d}_")
        assigned = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            target = node.target if isinstance(node, ast.AnnAssign) else (node.targets[0] if isinstance(node, ast.Assign) else None)
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision") and node.value is not None:
                assigned[target.id] = ast.literal_eval(node.value)
        if "revision" not in assigned or "down_revision" not in assigned:
            raise SystemExit(f"{path.name}: no revision or down_revision")
        if assigned["down_revision"] != previous:
            raise SystemExit(f"{path.name}: down_revision {assigned['down_revision']!r}, expected {previous!r} (the previous file's revision)")
        previous = assigned["revision"]
    print(f"{len(files)} revisions in one chain, head {previous}")


def main() -> None:
    command, *args = sys.argv[1:]
    if command == "insert":
        insert(args[0], args[1], int(args[2]))
    elif command == "verify":
        verify(args[0], args[1])
    elif command == "schema":
        schema(args[0], args[1])
    elif command == "chain":
        chain(args[0])
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main()
