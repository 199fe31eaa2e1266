"""Makes the two accounts the server-fuzz suite attacks with: a user (journal consent given) and a future admin.

Usage: python3 accounts.py BASE_URL   ->  prints "USER_TOKEN ADMIN_TOKEN ADMIN_EMAIL" on one line.
The suite then runs `cesizen-server grant-admin ADMIN_EMAIL` (an operator's command, never over HTTP).
Only the standard library: it runs before and beside schemathesis, in any Python 3.
"""

import json
import sys
import urllib.request

PASSWORD = "Calme-et-Zen-2025!"


def call(base, method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None)
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


def account(base, name):
    email = f"{name}@fuzz.example.fr"
    call(base, "POST", "/api/v1/accounts", {"email": email, "password": PASSWORD, "displayName": name.title()})
    token = call(base, "POST", "/api/v1/sessions", {"email": email, "password": PASSWORD})["token"]
    return email, token


def main():
    base = sys.argv[1].rstrip("/")
    _, user = account(base, "user")
    consent = {"purpose": "emotional_journal", "textVersion": "2025-01", "method": "explicit_statement"}
    call(base, "POST", "/api/v1/me/consents", consent, token=user)
    admin_email, admin = account(base, "admin")
    print(user, admin, admin_email)


if __name__ == "__main__":
    main()
