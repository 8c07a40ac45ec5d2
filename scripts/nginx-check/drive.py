"""Drives a Majordome cluster through nginx as Twilio and a dashboard would: logs in, opens the
dashboard WebSocket, posts signed webhooks (round-robin spreads them over both instances), and
checks that the socket sees each guest message exactly once. Standard library only.

    python3 drive.py BASE_URL TWILIO_AUTH_TOKEN DEMO_NUMBER
"""

import base64
import hashlib
import hmac
import json
import os
import socket
import sys
import time
import urllib.parse
import urllib.request

BASE, AUTH_TOKEN, DEMO_NUMBER = sys.argv[1], sys.argv[2], sys.argv[3]
MESSAGES = 4


def post(path, body, headers):
    request = urllib.request.Request(BASE + path, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read()


def login():
    status, body = post(
        "/api/auth/login",
        json.dumps({"email": "demo@example.com", "password": "demo123"}).encode(),
        {"Content-Type": "application/json"},
    )
    assert status == 200, status
    return json.loads(body)["token"]


def signature(url, params):
    """Twilio's X-Twilio-Signature: HMAC-SHA1 of the URL and the sorted parameters."""
    data = url + "".join(k + v for k, v in sorted(params.items()))
    digest = hmac.new(AUTH_TOKEN.encode(), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def webhook(sid, guest, body):
    params = {
        "MessageSid": sid,
        "SmsMessageSid": sid,
        "AccountSid": "ACnginxcheck",
        "From": guest,
        "To": DEMO_NUMBER,
        "Body": body,
        "NumMedia": "0",
        "ProfileName": "Camille",
    }
    path = "/webhook/whatsapp"
    status, _ = post(
        path,
        urllib.parse.urlencode(params).encode(),
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": signature(BASE + path, params),
        },
    )
    assert status == 200, status


class Socket:
    """The few parts of RFC 6455 a server-to-client feed needs."""

    def __init__(self, token):
        url = urllib.parse.urlparse(BASE)
        self.sock = socket.create_connection((url.hostname, url.port), timeout=20)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET /ws HTTP/1.1\r\nHost: {url.netloc}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                f"Sec-WebSocket-Version: 13\r\nAuthorization: Bearer {token}\r\n\r\n"
            ).encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            assert chunk, "connection closed during the handshake"
            head += chunk
        assert head.startswith(b"HTTP/1.1 101"), head

    def exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            assert chunk, "the WebSocket closed"
            data += chunk
        return data

    def event(self):
        """The next text frame as JSON (pings are answered, other frames skipped)."""
        while True:
            first, second = self.exact(2)
            opcode, length = first & 0x0F, second & 0x7F
            if length == 126:
                length = int.from_bytes(self.exact(2), "big")
            elif length == 127:
                length = int.from_bytes(self.exact(8), "big")
            payload = self.exact(length)
            if opcode == 0x1:
                return json.loads(payload)
            if opcode == 0x8:
                raise AssertionError("the server closed the WebSocket")
            if opcode == 0x9:  # ping → masked pong
                mask = os.urandom(4)
                masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
                self.sock.sendall(bytes([0x8A, 0x80 | len(payload)]) + mask + masked)


def main():
    token = login()
    feed = Socket(token)
    assert feed.event()["type"] == "hello"
    bodies = [f"Message {i} via nginx" for i in range(MESSAGES)]
    for i, body in enumerate(bodies):
        # One guest each: one conversation per instance owner (issue 11, point 3, is still open).
        webhook(f"SM{int(time.time() * 1000):020d}{i:012d}", f"whatsapp:+3361234560{i}", body)
    seen = {body: 0 for body in bodies}
    deadline = time.time() + 30
    while any(count == 0 for count in seen.values()):
        assert time.time() < deadline, f"missing on the dashboard: {seen}"
        event = feed.event()
        if event["type"] == "message.created" and event["message"]["body"] in seen:
            seen[event["message"]["body"]] += 1
    assert all(count == 1 for count in seen.values()), f"seen more than once: {seen}"
    print(f"nginx check: {MESSAGES} webhooks through nginx, each seen once on one dashboard")


main()
