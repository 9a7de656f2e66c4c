"""Project API: create, read, list, update, delete, authentication and isolation between users."""

from conftest import (
    Account,
    jsonable,
    key,
    make_project,
    make_task,
    parent,
    same,
    project_payload,
    sample_boolean,
    sample_datetime,
    sample_float,
    sample_integer,
    sample_string,
    sample_text,
    sample_uuid,
)
from fastapi.testclient import TestClient

ROUTE = "/projects"
KEY = "id"


def test_create_and_read(client: TestClient, account: Account) -> None:
    payload = project_payload(client, account)
    created = client.post(ROUTE, json=jsonable(payload), headers=account.headers)
    assert created.status_code == 201, created.text
    body = created.json()
    for name, value in payload.items():
        assert same(value, body[name]), f"{name}: sent {value!r}, got {body[name]!r}"
    assert body["created_at"] and body["updated_at"]

    fetched = client.get(f"{ROUTE}/{body[KEY]}", headers=account.headers)
    assert fetched.status_code == 200, fetched.text
    assert fetched.json() == body


def test_list_is_paged_in_creation_order(client: TestClient, account: Account) -> None:
    keys = [make_project(client, account)[KEY] for _ in range(3)]

    first = client.get(ROUTE, params={"limit": 2, "offset": 0}, headers=account.headers)
    assert first.status_code == 200, first.text
    assert [row[KEY] for row in first.json()] == keys[:2]
    rest = client.get(ROUTE, params={"limit": 2, "offset": 2}, headers=account.headers)
    assert [row[KEY] for row in rest.json()] == keys[2:]
    everything = client.get(ROUTE, headers=account.headers)
    assert [row[KEY] for row in everything.json()] == keys

    assert client.get(ROUTE, params={"limit": 0}, headers=account.headers).status_code == 422
    assert client.get(ROUTE, params={"limit": 101}, headers=account.headers).status_code == 422
    assert client.get(ROUTE, params={"offset": -1}, headers=account.headers).status_code == 422


def test_update_changes_only_the_fields_sent(client: TestClient, account: Account) -> None:
    row = make_project(client, account)
    change = "name", sample_string(200)
    updated = client.put(f"{ROUTE}/{row[KEY]}", json=jsonable(dict([change])), headers=account.headers)
    assert updated.status_code == 200, updated.text
    body = updated.json()
    assert same(change[1], body[change[0]])
    for name, value in row.items():
        if name not in (change[0], "updated_at"):
            assert body[name] == value, name

    nulled = client.put(f"{ROUTE}/{row[KEY]}", json={ "name": None }, headers=account.headers)
    assert nulled.status_code == 422, nulled.text


def test_delete_then_404(client: TestClient, account: Account) -> None:
    row = make_project(client, account)
    deleted = client.delete(f"{ROUTE}/{row[KEY]}", headers=account.headers)
    assert deleted.status_code == 204, deleted.text
    assert client.get(f"{ROUTE}/{row[KEY]}", headers=account.headers).status_code == 404
    assert client.delete(f"{ROUTE}/{row[KEY]}", headers=account.headers).status_code == 404
    assert client.put(f"{ROUTE}/{row[KEY]}", json={}, headers=account.headers).status_code == 404


def test_delete_while_referenced_is_409(client: TestClient, account: Account) -> None:
    # Task.project_id (NOT NULL) refers to this row, so the row cannot go away.
    make_task(client, account)
    row = parent("project", client, account)
    blocked = client.delete(f"{ROUTE}/{row[KEY]}", headers=account.headers)
    assert blocked.status_code == 409, blocked.text
    assert client.get(f"{ROUTE}/{row[KEY]}", headers=account.headers).status_code == 200


def test_missing_required_field_is_422(client: TestClient, account: Account) -> None:
    payload = jsonable(project_payload(client, account))
    del payload["name"]
    response = client.post(ROUTE, json=payload, headers=account.headers)
    assert response.status_code == 422, response.text
    assert "name" in response.text


def test_unknown_field_is_422(client: TestClient, account: Account) -> None:
    payload = jsonable(project_payload(client, account))
    payload["no_such_field"] = 1
    assert client.post(ROUTE, json=payload, headers=account.headers).status_code == 422


def test_requires_authentication(client: TestClient, account: Account) -> None:
    row = make_project(client, account)
    payload = jsonable(project_payload(client, account))
    assert client.get(ROUTE).status_code == 401
    assert client.post(ROUTE, json=payload).status_code == 401
    assert client.get(f"{ROUTE}/{row[KEY]}").status_code == 401
    assert client.put(f"{ROUTE}/{row[KEY]}", json={}).status_code == 401
    assert client.delete(f"{ROUTE}/{row[KEY]}").status_code == 401
    bad_token = {"Authorization": "Bearer not-a-jwt"}
    assert client.get(ROUTE, headers=bad_token).status_code == 401


def test_other_user_can_neither_see_nor_change(client: TestClient, account: Account, other_account: Account) -> None:
    row = make_project(client, account)
    url = f"{ROUTE}/{row[KEY]}"

    assert client.get(url, headers=other_account.headers).status_code == 404
    listed = client.get(ROUTE, headers=other_account.headers)
    assert listed.status_code == 200
    assert row[KEY] not in [r[KEY] for r in listed.json()]
    assert client.put(url, json={}, headers=other_account.headers).status_code == 404
    assert client.delete(url, headers=other_account.headers).status_code == 404

    still_there = client.get(url, headers=account.headers)
    assert still_there.status_code == 200
    assert still_there.json() == row
